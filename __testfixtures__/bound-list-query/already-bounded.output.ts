import { prisma } from './prisma';
import { supabase } from './supabase';

export async function bounded(ids: string[], pool: { query(sql: string, values?: unknown[]): Promise<unknown> }) {
  const a = await prisma.task.findMany({ take: 20, where: { done: false } });
  const b = await prisma.task.findMany({ where: { id: { in: ids } } });
  const c = await supabase.from('notes').select('*').eq('user_id', ids[0]).limit(10);
  const d = await supabase.from('notes').select('*').eq('id', ids[0]);
  const e = await supabase.from('notes').select('*', { count: 'exact', head: true });
  const f = await supabase.from('notes').insert({ title: 'x' }).select();
  const g = await supabase.from('profiles').select('*').maybeSingle();
  const h = await pool.query('SELECT count(*) FROM notes');
  const i = await pool.query('SELECT * FROM notes WHERE id = $1', [ids[0]]);
  const k = await pool.query('SELECT * FROM notes ORDER BY id LIMIT 20');
  const l = await prisma.task.count();
  return [a, b, c, d, e, f, g, h, i, k, l];
}
