import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { serialize } from 'cookie';

export async function POST(request: Request) {
  const { token, session } = await request.json();
  cookies().set('token', token);
  const response = NextResponse.json({ ok: true });
  response.cookies.set('session', session, {
    httpOnly: true,
    maxAge: 60 * 60 * 24,
  });
  response.headers.append('Set-Cookie', serialize('jwt', token, { path: '/api' }));
  return response;
}
