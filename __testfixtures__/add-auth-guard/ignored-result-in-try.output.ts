import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { prisma } from './lib/prisma';

export async function POST(req: Request) {
  try {
    const session = await getServerSession();
    if (!session) return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
    const body = await req.json();
    const note = await prisma.note.create({ data: { text: body.text } });
    return NextResponse.json(note);
  } catch (error) {
    console.error('create note failed', error);
    return NextResponse.json({ error: 'Could not save the note' }, { status: 500 });
  }
}
