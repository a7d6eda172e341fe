import { NextResponse } from 'next/server';
import { z } from 'zod';
import { prisma } from '@/lib/db';

const PostInput = z.object({ title: z.string(), content: z.string().optional() });

export async function POST(request: Request) {
  const body = await request.json();
  const parsed = PostInput.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  const post = await prisma.post.create({ data: { ...parsed.data, authorId: 'u1' } });
  return NextResponse.json(post);
}

export async function PUT(request: Request) {
  const data = PostInput.parse(await request.json());
  return NextResponse.json(await prisma.post.create({ data: { ...data, authorId: 'u1' } }));
}
