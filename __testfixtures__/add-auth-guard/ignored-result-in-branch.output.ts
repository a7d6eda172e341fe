import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { prisma } from './lib/prisma';
import { authOptions } from './lib/auth';

export async function POST(req: Request) {
  const authSession = await getServerSession(authOptions);
  if (!authSession?.user) return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  const body = await req.json();
  if (body.draft) {
    const session = await getServerSession();
    console.log('draft by', session?.user?.email);
  }
  const note = await prisma.note.create({ data: { text: body.text } });
  return NextResponse.json(note);
}
