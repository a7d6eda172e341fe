import { createClient } from './utils/supabase/server';

export async function POST(req: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return new Response('Not signed in', { status: 401 });
  const { title } = await req.json();
  await supabase.from('todos').insert({ title });
  return new Response(null, { status: 201 });
}
