import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

export async function find(q: string) {
  const text = `SELECT * FROM notes WHERE body LIKE '%${q}%'`;
  await fetch('/api/raw', { method: 'POST', body: text });
  return supabase.from('notes').select('id, title').or(`title.ilike.%${q}%,body.ilike.%${q}%`);
}

export async function viaVariable(db: { query(sql: string): Promise<unknown> }, id: string) {
  const statement = `DELETE FROM notes WHERE id = ${id}`;
  return db.query(statement);
}
