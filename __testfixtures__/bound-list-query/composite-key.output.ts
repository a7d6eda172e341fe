import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET() {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const members = await prisma.membership.findMany({ where: { active: true }, orderBy: [{ teamId: 'asc' }, { userId: 'asc' }], take: 100 });
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { data: tags } = await supabase.from('post_tags').select('*').order('post_id').order('tag_id').range(0, 99);
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const { rows: rates } = await pool.query('SELECT * FROM "Rate" WHERE base = $1 ORDER BY base, "quoteCurrency" LIMIT 100', ['EUR']);
  return Response.json({ members, tags, rates });
}
