import { requireUser } from '@/lib/guards';
import { prisma } from '@/lib/prisma';

export async function GET() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  return Response.json(posts);
}

export async function POST(req: Request) {
  const user = await requireUser();
  const { title } = await req.json();
  const post = await prisma.post.create({ data: { title, authorId: user.id } });
  return Response.json(post);
}
