import { db } from '@/lib/db';

export async function POST(req: Request) {
  if (req.headers.get('authorization') !== `Bearer ${process.env.SUPABASE_WEBHOOK_SECRET}`) {
    return new Response('Unauthorized', { status: 401 });
  }
  const { type, record } = await req.json();
  if (type === 'INSERT') await db.from('audit').insert({ row_id: record.id });
  return Response.json({ ok: true });
}
