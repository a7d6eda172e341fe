import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';
import { validateArtwork } from '../../../lib/artwork';

export async function POST(req: Request) {
  const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const data = await req.formData();
  const artwork = data.get('artwork') as File | null;
  if (!artwork) return NextResponse.json({ error: 'No file' }, { status: 400 });
  const bytes = artwork.size;
  const problem = validateArtwork({ type: artwork.type, bytes });
  if (problem) return NextResponse.json({ error: problem }, { status: 400 });
  await supabase.storage.from('artwork').upload(`${crypto.randomUUID()}.png`, Buffer.from(await artwork.arrayBuffer()));
  return NextResponse.json({ ok: true });
}
