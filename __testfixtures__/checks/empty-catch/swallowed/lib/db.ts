export const db = {
  order: { create: async (args: { data: unknown }) => args.data, findMany: async () => [] as unknown[] },
};

export async function listOrders() {
  try {
    return await db.order.findMany();
  } catch (error) {
    return [];
  }
}
