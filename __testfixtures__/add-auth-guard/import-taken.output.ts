import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';
import { createClient as authCreateClient } from './utils/supabase/server';

// The file's own `createClient` is supabase-js's: the project's server client comes in under another name.
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function DELETE(request: Request) {
  const supabase = await authCreateClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  const { id } = await request.json();
  await admin.from('posts').delete().eq('id', id);
  return NextResponse.json({ ok: true });
}
