import { randomBytes } from 'node:crypto';
import { NextResponse } from 'next/server';
import { supabaseAdmin } from '../../../lib/supabase-admin';

const RESET_TOKEN_TTL = 30 * 60 * 1000;

// Reset tokens waiting to be used (in memory: use the database in production)
const resetTokens = new Map();

export async function POST(request) {
  const { email } = await request.json();
  const token = randomBytes(32).toString('hex');
  const expires = Date.now() + RESET_TOKEN_TTL;
  resetTokens.set(token, { email, expires });
  setTimeout(() => resetTokens.delete(token), RESET_TOKEN_TTL);
  return NextResponse.json({ sent: true, link: `/reset?token=${token}` });
}

export async function PUT(request) {
  const { token, password } = await request.json();
  const pending = resetTokens.get(token);
  if (!pending || pending.expires < Date.now()) {
    return NextResponse.json({ error: 'This link has expired' }, { status: 400 });
  }
  const { data } = await supabaseAdmin.from('profiles').select('id').eq('email', pending.email).single();
  await supabaseAdmin.auth.admin.updateUserById(data.id, { password });
  resetTokens.delete(token);
  return NextResponse.json({ reset: true });
}
