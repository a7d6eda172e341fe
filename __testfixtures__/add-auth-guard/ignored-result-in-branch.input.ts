import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { prisma } from './lib/prisma';

export async function POST(req: Request) {
  const body = await req.json();
  if (body.draft) {
    const session = await getServerSession();
    console.log('draft by', session?.user?.email);
  }
  const note = await prisma.note.create({ data: { text: body.text } });
  return NextResponse.json(note);
}
