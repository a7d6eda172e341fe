import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET() {
  const countries = await prisma.country.findMany({ where: { active: true } });
  const { data: currencies } = await supabase.from('currencies').select('code, name');
  const { rows: airports } = await pool.query('SELECT iata, name FROM airports WHERE open = true');
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: news } = await supabase.from('news').select('*').order('published_at', { ascending: false }).range(0, 99);
  return Response.json({ countries, currencies, airports, news });
}
