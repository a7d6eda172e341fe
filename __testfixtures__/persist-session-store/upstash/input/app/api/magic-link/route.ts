import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';

type MagicLink = { email: string; expiresAt: number; used: boolean };

const magicLinks = new Map<string, MagicLink>();

export async function POST(request: Request) {
  const { email } = await request.json();
  const token = randomUUID();
  const expiresAt = Date.now() + 15 * 60 * 1000;
  magicLinks.set(token, { email, expiresAt, used: false });
  return NextResponse.json({ link: `/api/magic-link?token=${token}` });
}

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!magicLinks.has(token)) {
    return NextResponse.json({ error: 'Unknown link' }, { status: 404 });
  }
  const link = magicLinks.get(token)!;
  magicLinks.delete(token);
  if (link.expiresAt < Date.now()) {
    return NextResponse.json({ error: 'This link has expired' }, { status: 410 });
  }
  return NextResponse.json({ email: link.email });
}
