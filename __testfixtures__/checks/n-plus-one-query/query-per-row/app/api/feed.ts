import { prisma } from '../../lib/prisma';
import { supabase } from '../../lib/supabase';
import { pool } from '../../lib/db';

export async function feed() {
  const posts = await prisma.post.findMany({ take: 20 });
  for (const post of posts) {
    post.author = await prisma.user.findFirst({ where: { id: post.authorId } });
  }
  const { data: notes } = await supabase.from('notes').select('*').range(0, 49);
  await Promise.all((notes ?? []).map(async (note) => {
    note.tags = (await supabase.from('tags').select('*').eq('note_id', note.id)).data;
  }));
  const { rows } = await pool.query('SELECT id FROM orders LIMIT 10');
  rows.forEach(async (order) => {
    await pool.query('UPDATE orders SET seen = true WHERE id = $1', [order.id]);
  });
  return { posts, notes };
}
