import { cookies } from 'next/headers';
import { createServerClient } from '@supabase/ssr';

export async function PATCH(req: Request) {
  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: { getAll: () => cookies().getAll() },
  });
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return new Response('Unauthorized', { status: 401 });
  const { name } = await req.json();
  await supabase.from('profiles').update({ name }).eq('id', user.id);
  return new Response(null, { status: 204 });
}
