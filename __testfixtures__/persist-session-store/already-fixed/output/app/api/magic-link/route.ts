import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { sessionStore } from '../../../lib/session-store';

type MagicLink = { email: string; expiresAt: number; used: boolean };

export async function POST(request: Request) {
  const { email } = await request.json();
  const token = randomUUID();
  const expiresAt = Date.now() + 15 * 60 * 1000;
  await sessionStore.set('magicLinks', token, { email, expiresAt, used: false }, 900);
  return NextResponse.json({ link: `/api/magic-link?token=${token}` });
}

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if ((await sessionStore.get('magicLinks', token)) === null) {
    return NextResponse.json({ error: 'Unknown link' }, { status: 404 });
  }
  const link = (await sessionStore.get<MagicLink>('magicLinks', token))!;
  await sessionStore.delete('magicLinks', token);
  if (link.expiresAt < Date.now()) {
    return NextResponse.json({ error: 'This link has expired' }, { status: 410 });
  }
  return NextResponse.json({ email: link.email });
}
