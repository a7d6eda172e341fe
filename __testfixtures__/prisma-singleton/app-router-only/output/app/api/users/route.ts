import { prisma } from '../../../lib/prisma';

export async function GET() {
  const users = await prisma.user.findMany({ take: 20 });
  return Response.json(users);
}
