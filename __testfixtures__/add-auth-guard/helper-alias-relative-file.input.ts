import { prisma } from './lib/prisma';

export async function POST(req: Request) {
  const { title } = await req.json();
  const post = await prisma.post.create({ data: { title } });
  return Response.json(post);
}
