import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const users = await prisma.user.findMany({ where: { email: params.get('email')! } });
  const members = await prisma.membership.findMany({ where: { teamId: params.get('team')!, userId: params.get('user')! } });
  return Response.json({ users, members });
}
