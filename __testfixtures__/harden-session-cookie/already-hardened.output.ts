import { cookies } from 'next/headers';

export async function login(token: string, locale: string) {
  cookies().set('token', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  cookies().set('locale', locale);
  cookies().set('session', token, { httpOnly: false, secure: true, sameSite: 'none', path: '/' });
}
