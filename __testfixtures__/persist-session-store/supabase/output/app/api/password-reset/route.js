import { randomBytes } from 'node:crypto';
import { NextResponse } from 'next/server';
import { supabaseAdmin } from '../../../lib/supabase-admin';
import { sessionStore } from '../../../lib/session-store';

const RESET_TOKEN_TTL = 30 * 60 * 1000;

export async function POST(request) {
  const { email } = await request.json();
  const token = randomBytes(32).toString('hex');
  const expires = Date.now() + RESET_TOKEN_TTL;
  await sessionStore.set('resetTokens', token, { email, expires }, 1800);
  return NextResponse.json({ sent: true, link: `/reset?token=${token}` });
}

export async function PUT(request) {
  const { token, password } = await request.json();
  const pending = await sessionStore.get('resetTokens', token);
  if (!pending || pending.expires < Date.now()) {
    return NextResponse.json({ error: 'This link has expired' }, { status: 400 });
  }
  const { data } = await supabaseAdmin.from('profiles').select('id').eq('email', pending.email).single();
  await supabaseAdmin.auth.admin.updateUserById(data.id, { password });
  await sessionStore.delete('resetTokens', token);
  return NextResponse.json({ reset: true });
}
