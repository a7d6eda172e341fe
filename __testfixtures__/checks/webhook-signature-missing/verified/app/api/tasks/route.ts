import { db } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.json();
  switch (body.type) {
    case 'create':
      await db.from('tasks').insert({ title: body.title });
      break;
    case 'complete':
      await db.from('tasks').update({ done: true }).eq('id', body.id);
      break;
  }
  return Response.json({ ok: true });
}
