import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

const SESSION_COOKIE = { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' as const, path: '/' };

export async function POST(request: Request) {
  const { token, locale } = await request.json();
  cookies().set('token', token, SESSION_COOKIE);
  cookies().set('session', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  cookies().set('locale', locale);
  cookies().set('csrf_token', crypto.randomUUID());
  cookies().set('prefs', JSON.stringify(Object.assign({}, { locale })));
  const session = { theme: 'dark' };
  cookies().set('theme', session.theme);
  return NextResponse.json({ ok: true });
}

export async function DELETE() {
  cookies().set('token', '', { maxAge: 0 });
  cookies().set('session', 'gone', { expires: new Date(0) });
  cookies().delete('session');
  return NextResponse.json({ ok: true });
}
