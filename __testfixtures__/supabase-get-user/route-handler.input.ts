import { createClient } from './utils/supabase/server';

export async function POST(req: Request) {
  const supabase = await createClient();
  const {
    data: { session },
  } = await supabase.auth.getSession();
  if (!session) return new Response('Unauthorized', { status: 401 });
  const { title } = await req.json();
  await supabase.from('todos').insert({ title, user_id: session.user.id });
  return new Response(null, { status: 201 });
}
