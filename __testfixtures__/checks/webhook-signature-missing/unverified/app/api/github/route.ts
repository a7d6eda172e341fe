import { db } from '@/lib/db';

export async function POST(req: Request) {
  const kind = req.headers.get('x-github-event');
  const body = await req.json();
  if (kind === 'push') await db.from('deploys').insert({ sha: body.after });
  return new Response(null, { status: 204 });
}
