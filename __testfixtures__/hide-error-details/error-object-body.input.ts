import { db } from '@/lib/db';

export async function GET() {
  try {
    return Response.json(await db.order.findMany());
  } catch (err) {
    return Response.json(err, { status: 500 });
  }
}
