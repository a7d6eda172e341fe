import { cookies } from 'next/headers';

export async function login(token: string) {
  cookies().set('token', token, { maxAge: 3600 });
}
