import { createNote, listNotes } from '../../lib/notes';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

const ALLOWED_METHODS = ['GET', 'POST'];

export async function GET(request: NextRequest) {
  return NextResponse.json(await listNotes(), { status: 200 });
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const note = await createNote(body);
  return NextResponse.json(note, { status: 201 });
}
