import { prisma } from '@/lib/prisma';

export async function POST(request: Request) {
  const event = await request.json();
  await prisma.customer.update({ where: { stripeCustomerId: event.customer }, data: { userId: event.user } });
  return new Response('ok');
}
