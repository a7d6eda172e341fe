import { cookies } from 'next/headers';
import { createServerClient } from '@supabase/ssr';

export async function POST(req: Request) {
  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: { getAll: () => cookies().getAll() },
  });
  const {
    data: { session },
  } = await supabase.auth.getSession();
  if (!session) return new Response('Unauthorized', { status: 401 });
  const { title } = await req.json();
  await supabase.from('todos').insert({ title, user_id: session.user.id });
  return new Response(null, { status: 201 });
}
