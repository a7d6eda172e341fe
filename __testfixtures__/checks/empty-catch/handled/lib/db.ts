import jwt from 'jsonwebtoken';

export const db = {
  order: { create: async (args: { data: unknown }) => args.data, findMany: async () => [] as unknown[] },
};

export async function warmCache() {
  await db.order.findMany();
}

export function readSession(token: string) {
  try {
    return jwt.verify(token, process.env.JWT_SECRET!);
  } catch {
    return null;
  }
}

export async function listOrders() {
  try {
    return await db.order.findMany();
  } catch (error) {
    if (error instanceof TypeError) return [];
    throw error;
  }
}

export async function saveOrder(order: unknown) {
  try {
    await db.order.create({ data: order });
    return { success: true };
  } catch {
    return { success: false };
  }
}
