import { db } from '@/lib/db';

export async function GET() {
  try {
    return Response.json(await db.order.findMany());
  } catch (err) {
    // TODO(shipshape): answer a generic message instead of the error object: its fields depend on the library that threw it
    return Response.json(err, { status: 500 });
  }
}
