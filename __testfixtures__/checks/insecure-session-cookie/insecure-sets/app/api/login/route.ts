import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { signToken, createSession } from '../../../lib/auth';

export async function POST(request: Request) {
  const { email } = await request.json();
  const token = await signToken(email);
  cookies().set('token', token);
  const session = await createSession(email);
  const response = NextResponse.json({ ok: true });
  response.cookies.set('session', session, { httpOnly: true });
  const cookieStore = await cookies();
  cookieStore.set({ name: 'auth', value: token, path: '/', secure: false, httpOnly: true, sameSite: 'lax' });
  return response;
}
