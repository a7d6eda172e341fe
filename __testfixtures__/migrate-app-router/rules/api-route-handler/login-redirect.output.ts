import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function POST(request: NextRequest) {
  const body = await request.json();
  const headers = new Headers();
  headers.set('Set-Cookie', `session=${body.token}; Path=/; HttpOnly`);
  return NextResponse.redirect(new URL('/dashboard', request.url), { status: 302, headers });
}
