'use server';

import { prisma } from './lib/prisma';
import { auth } from './auth';

export async function deletePost(id: string) {
  const session = await auth();
  if (!session?.user) throw new Error('Not signed in');
  await prisma.post.delete({ where: { id } });
}
