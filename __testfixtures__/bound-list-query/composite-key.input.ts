import { prisma } from '@/lib/prisma';
import { supabase } from '@/lib/supabase';
import { pool } from '@/lib/db';

export async function GET() {
  const members = await prisma.membership.findMany({ where: { active: true } });
  const { data: tags } = await supabase.from('post_tags').select('*');
  const { rows: rates } = await pool.query('SELECT * FROM "Rate" WHERE base = $1', ['EUR']);
  return Response.json({ members, tags, rates });
}
