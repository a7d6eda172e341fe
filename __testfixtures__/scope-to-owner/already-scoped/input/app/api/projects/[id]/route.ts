import { auth } from '@clerk/nextjs/server';
import { prisma } from '@/lib/prisma';

export async function GET(req: Request, { params }: { params: { id: string } }) {
  const { userId } = auth();
  if (!userId) return new Response('Unauthorized', { status: 401 });
  // Scoped through a membership.
  const project = await prisma.project.findFirst({ where: { id: params.id, members: { some: { userId } } } });
  return Response.json(project);
}

export async function PATCH(req: Request, { params }: { params: { id: string } }) {
  const { userId } = auth();
  const { name } = await req.json();
  const project = await prisma.project.update({ where: { id: params.id, ownerId: userId }, data: { name } });
  const country = await prisma.country.findUnique({ where: { code: params.id } });
  return Response.json({ project, country });
}
