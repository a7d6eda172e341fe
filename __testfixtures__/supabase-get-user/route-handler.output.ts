import { createClient } from './utils/supabase/server';

export async function POST(req: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return new Response('Unauthorized', { status: 401 });
  const { title } = await req.json();
  await supabase.from('todos').insert({ title, user_id: user.id });
  return new Response(null, { status: 201 });
}
