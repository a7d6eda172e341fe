import { createClient } from '@/lib/supabase/server';

export default async function Posts() {
  const supabase = await createClient();
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: posts } = await supabase.from('posts').select().order('id').range(0, 99);
  return posts?.map((post) => <p key={post.id}>{post.title}</p>);
}
