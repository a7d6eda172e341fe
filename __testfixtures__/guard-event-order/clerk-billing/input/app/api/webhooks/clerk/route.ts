import { Webhook } from 'svix';
import { pool } from '@/lib/db';

export async function POST(req: Request) {
  const payload = await req.text();
  const headers = Object.fromEntries(req.headers);
  const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(payload, headers) as {
    type: string;
    timestamp: number;
    data: { id: string; status: string; payer: { user_id: string } };
  };
  if (evt.type === 'subscription.updated') {
    await pool.query('UPDATE memberships SET status = $1 WHERE user_id = $2', [evt.data.status, evt.data.payer.user_id]);
  }
  return new Response('ok');
}
