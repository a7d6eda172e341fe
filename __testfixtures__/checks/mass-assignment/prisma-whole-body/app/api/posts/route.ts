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
  const post = await prisma.post.update({ where: { id }, data: { ...changes, updatedAt: new Date() } });
  return NextResponse.json(post);
}

export async function PUT(request: Request) {
  const tag = await prisma.tag.create({ data: await request.json() });
  return NextResponse.json(tag);
}
