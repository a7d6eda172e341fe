import { NextResponse } from 'next/server';
import { z } from 'zod';
import { prisma } from '@/lib/db';

const NewPost = z.object({ title: z.string(), content: z.string().optional() });

export async function POST(request: Request) {
  const body = await request.json();
  const parsed = NewPost.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues }, { status: 400 });
  const post = await prisma.post.create({ data: { ...parsed.data, authorId: 'u1' } });
  return NextResponse.json(post);
}
