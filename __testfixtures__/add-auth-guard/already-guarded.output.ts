import { auth } from '@clerk/nextjs/server';
import { prisma } from './lib/prisma';

export async function GET() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  return Response.json(posts);
}

export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) return new Response('Not signed in', { status: 401 });
  const { title } = await req.json();
  await prisma.post.create({ data: { title, userId } });
  return new Response(null, { status: 201 });
}
