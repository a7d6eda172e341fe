import { NextResponse } from 'next/server';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';
import { z } from 'zod';

const PostInput = z.object({
  title: z.string(),
  content: z.string().nullish(),
  status: z.enum(['DRAFT', 'PUBLISHED']).optional(),
  views: z.number().int().optional(),
  publishedOn: z.coerce.date().nullish(),
  tags: z.array(z.string()).optional(),
});

export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const body = await request.json();
  const postInput = PostInput.safeParse(body);
  if (!postInput.success) return NextResponse.json({ error: postInput.error.issues }, { status: 400 });
  const post = await prisma.post.create({ data: { ...postInput.data, authorId: session.user.id } });
  return NextResponse.json(post);
}
