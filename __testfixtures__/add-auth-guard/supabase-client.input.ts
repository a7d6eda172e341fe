import { createClient } from './utils/supabase/server';

export async function POST(req: Request) {
  const supabase = await createClient();
  const { title } = await req.json();
  await supabase.from('todos').insert({ title });
  return new Response(null, { status: 201 });
}
