import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET() {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const countries = await prisma.country.findMany({ where: { active: true }, orderBy: { isoCode: 'asc' }, take: 100 });
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: currencies } = await supabase.from('currencies').select('code, name').order('code').range(0, 99);
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { rows: airports } = await pool.query('SELECT iata, name FROM airports WHERE open = true ORDER BY iata LIMIT 100');
  return Response.json({ countries, currencies, airports });
}
