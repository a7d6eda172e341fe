import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function POST(request: Request) {
  const body = await request.json();
  const post = await prisma.post.create({
    data: body,
  });
  return NextResponse.json(post);
}

export async function PATCH(request: Request) {
  const { id, ...changes } = await request.json();
  const post = await prisma.post.update({ where: { id }, data: { ...changes } });
  return NextResponse.json(post);
}
