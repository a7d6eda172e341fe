import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams) };
  if (!query.id) {
    return NextResponse.json({ error: 'id' }, { status: 400 });
  }
  return NextResponse.json({ id: query.id }, { status: 200 });
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const { name } = body;
  return NextResponse.json({ name }, { status: 201 });
}
