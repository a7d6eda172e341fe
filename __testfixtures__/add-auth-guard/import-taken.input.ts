import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';

// The file's own `createClient` is supabase-js's: the project's server client comes in under another name.
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function DELETE(request: Request) {
  const { id } = await request.json();
  await admin.from('posts').delete().eq('id', id);
  return NextResponse.json({ ok: true });
}
