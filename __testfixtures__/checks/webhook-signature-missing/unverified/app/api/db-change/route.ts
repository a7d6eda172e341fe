import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { type, record } = await req.json();
  if (type === 'INSERT') {
    await db.from('audit').insert({ row_id: record.id });
  }
  return Response.json({ ok: true });
}
