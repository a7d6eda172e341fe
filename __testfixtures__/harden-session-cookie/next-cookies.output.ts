import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { serialize } from 'cookie';

export async function POST(request: Request) {
  const { token, session } = await request.json();
  cookies().set('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', path: '/' });
  const response = NextResponse.json({ ok: true });
  response.cookies.set('session', session, {
    httpOnly: true,
    maxAge: 60 * 60 * 24,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    path: '/',
  });
  response.headers.append('Set-Cookie', serialize('jwt', token, { path: '/api', httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' }));
  return response;
}
