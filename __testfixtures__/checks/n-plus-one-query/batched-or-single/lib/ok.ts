import { prisma } from './prisma';

export async function ok(ids: string[]) {
  const posts = await prisma.post.findMany({ where: { id: { in: ids } }, include: { author: true } });
  const authors = await Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
  const again = await Promise.all(posts.map(async (post) => await prisma.user.findUnique({ where: { id: post.authorId } })));
  for (const id of ids) {
    await prisma.audit.create({ data: { id } });
  }
  for (const post of posts) {
    console.log(post.title);
  }
  return { posts, authors, again };
}
