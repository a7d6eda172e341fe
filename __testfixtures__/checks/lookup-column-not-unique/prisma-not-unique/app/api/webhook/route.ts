import { prisma } from '@/lib/db';

export async function POST(request: Request) {
  const event = await request.json();
  await prisma.customer.update({ where: { stripeCustomerId: event.customer }, data: { active: true } });
  await prisma.customer.findUnique({ where: { email: event.email } });
  return new Response('ok');
}
