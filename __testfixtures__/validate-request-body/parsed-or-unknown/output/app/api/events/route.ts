import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export async function POST(request: Request) {
  const event = await prisma.auditEvent.create({ data: await request.json() });
  return NextResponse.json(event);
}
