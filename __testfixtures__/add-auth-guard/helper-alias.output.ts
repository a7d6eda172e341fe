import { prisma } from '@/lib/prisma';
import { getCurrentUser } from '@/lib/session';

export async function POST(req: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response('Not signed in', { status: 401 });
  const { title } = await req.json();
  const post = await prisma.post.create({ data: { title } });
  return Response.json(post);
}
