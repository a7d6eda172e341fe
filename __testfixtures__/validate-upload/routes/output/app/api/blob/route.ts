import { put } from '@vercel/blob';
import { NextResponse } from 'next/server';

export async function POST(request: Request): Promise<NextResponse> {
  const { searchParams } = new URL(request.url);
  const filename = searchParams.get('filename');
  if (!filename || !request.body) return NextResponse.json({ error: 'No file' }, { status: 400 });
  // TODO(shipshape): check this upload on the server before storing it: its size against a maximum (answer 413) and its type against an allow-list (answer 415)
  const blob = await put(filename, request.body, { access: 'public' });
  return NextResponse.json(blob);
}
