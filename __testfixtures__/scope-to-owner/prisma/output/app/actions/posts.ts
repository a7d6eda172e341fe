'use server';
import { getServerSession } from 'next-auth';
import { prisma } from '@/lib/prisma';

export async function deletePost(id: string) {
  // TODO(shipshape): scope this query to the signed-in user: run `shipshape transform add-auth-guard` on this file, then scope-to-owner
  await prisma.post.delete({ where: { id } });
}

export async function renamePost(formData: FormData) {
  const session = await getServerSession();
  if (!session) throw new Error('Unauthorized');
  const id = formData.get('id') as string;
  const authorId = formData.get('authorId') as string;
  await prisma.post.updateMany({ where: { id }, data: { title: 'x' } });
  const { count } = await prisma.post.updateMany({ where: { id, authorId: session.user.id }, data: { title: String(formData.get('title')) } });
  if (count === 0) throw new Error('Not found');
}

export async function archivePost(id: string, notify: boolean) {
  if (notify) {
    const session = await getServerSession();
    console.log('archived by', session?.user?.email);
  }
  // TODO(shipshape): scope this query to the signed-in user: run `shipshape transform add-auth-guard` on this file, then scope-to-owner
  await prisma.post.delete({ where: { id } });
}
