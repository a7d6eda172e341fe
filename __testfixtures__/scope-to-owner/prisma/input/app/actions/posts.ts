'use server';
import { getServerSession } from 'next-auth';
import { prisma } from '@/lib/prisma';

export async function deletePost(id: string) {
  await prisma.post.delete({ where: { id } });
}

export async function renamePost(formData: FormData) {
  const session = await getServerSession();
  if (!session) throw new Error('Unauthorized');
  const id = formData.get('id') as string;
  const authorId = formData.get('authorId') as string;
  await prisma.post.updateMany({ where: { id }, data: { title: 'x' } });
  await prisma.post.update({ where: { id, authorId }, data: { title: String(formData.get('title')) } });
}

export async function archivePost(id: string, notify: boolean) {
  if (notify) {
    const session = await getServerSession();
    console.log('archived by', session?.user?.email);
  }
  await prisma.post.delete({ where: { id } });
}
