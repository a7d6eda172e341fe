import { prisma } from '../../../lib/prisma';

export async function GET() {
  const posts = await prisma.post.findMany({ take: 20 });
  return Response.json(posts);
}
