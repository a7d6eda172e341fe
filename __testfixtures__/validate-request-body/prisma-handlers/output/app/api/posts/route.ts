import { NextResponse } from 'next/server';
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
  const body = await request.json();
  const postInput = PostInput.safeParse(body);
  if (!postInput.success) return NextResponse.json({ error: postInput.error.issues }, { status: 400 });
  // TODO(shipshape): set authorId from the signed-in user; the schema leaves it out so callers cannot choose it
  const post = await prisma.post.create({
    data: postInput.data,
  });
  return NextResponse.json(post);
}

export async function PATCH(request: Request) {
  const { id, ...changes } = await request.json();
  const postInput = PostInput.partial().safeParse(changes);
  if (!postInput.success) return NextResponse.json({ error: postInput.error.issues }, { status: 400 });
  const post = await prisma.post.update({ where: { id }, data: { ...postInput.data } });
  return NextResponse.json(post);
}
