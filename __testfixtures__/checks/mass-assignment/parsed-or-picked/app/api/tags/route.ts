import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function POST(request: Request) {
  const body = await request.json();
  const tag = await prisma.tag.create({ data: { name: body.name } });
  return NextResponse.json(tag);
}
