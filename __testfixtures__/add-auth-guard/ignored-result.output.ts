import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { prisma } from './lib/prisma';

export async function POST(req: Request) {
  const session = await getServerSession();
  if (!session) return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  const body = await req.json();
  const note = await prisma.note.create({ data: { text: body.text } });
  return NextResponse.json(note);
}
