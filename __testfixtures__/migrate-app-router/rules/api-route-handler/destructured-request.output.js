import { NextResponse } from 'next/server';

export async function PUT(request) {
  const body = await request.json();
  return NextResponse.json({ updated: body.id });
}

export async function GET(request) {
  return NextResponse.json({ ok: true });
}
