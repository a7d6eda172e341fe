import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET() {
  const countries = await prisma.country.findMany({ where: { active: true } });
  const { data: currencies } = await supabase.from('currencies').select('code, name');
  const { rows: airports } = await pool.query('SELECT iata, name FROM airports WHERE open = true');
  const { data: news } = await supabase.from('news').select('*').order('published_at', { ascending: false });
  return Response.json({ countries, currencies, airports, news });
}
