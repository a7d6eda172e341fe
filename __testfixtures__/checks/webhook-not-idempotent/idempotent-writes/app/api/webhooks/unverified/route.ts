import { prisma } from '@/lib/prisma';

// Not verified: webhook-signature-missing's business, not this check's.
export async function POST(req: Request) {
  const event = await req.json();
  if (event.type === 'checkout.session.completed') await prisma.order.create({ data: { sessionId: event.data.object.id } });
  return Response.json({ received: true });
}
