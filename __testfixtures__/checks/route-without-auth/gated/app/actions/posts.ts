'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { prisma } from '@/lib/prisma';

export async function deletePost(id: string) {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  await prisma.post.deleteMany({ where: { id, authorId: user.id } });
}
