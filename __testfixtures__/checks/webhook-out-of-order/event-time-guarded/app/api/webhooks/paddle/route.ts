import { createHmac, timingSafeEqual } from 'crypto';
import { pool } from '@/lib/db';

export async function POST(req: Request) {
  const body = await req.text();
  const header = req.headers.get('paddle-signature') ?? '';
  const [ts, h1] = header.split(';').map((part) => part.split('=')[1] ?? '');
  const expected = createHmac('sha256', process.env.PADDLE_WEBHOOK_SECRET!).update(`${ts}:${body}`).digest('hex');
  if (!h1 || expected.length !== h1.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(h1))) {
    return new Response('invalid signature', { status: 401 });
  }
  const notification = JSON.parse(body);
  const subscription = notification.data;
  switch (notification.event_type) {
    case 'subscription.updated':
    case 'subscription.canceled':
      await pool.query(
        'UPDATE subscriptions SET status = $1, next_billed_at = $2, last_event_at = $5 WHERE (paddle_id = $3 OR paddle_customer_id = $4) AND (last_event_at IS NULL OR last_event_at < $5)',
        [subscription.status, subscription.next_billed_at, subscription.id, subscription.customer_id, notification.occurred_at],
      );
      break;
    case 'subscription.created':
      await pool.query(
        `INSERT INTO subscriptions (paddle_id, status, last_event_at) VALUES ($1, $2, $3)
         ON CONFLICT (paddle_id) DO UPDATE SET status = EXCLUDED.status, last_event_at = EXCLUDED.last_event_at WHERE subscriptions.last_event_at IS NULL OR subscriptions.last_event_at < EXCLUDED.last_event_at`,
        [subscription.id, subscription.status, notification.occurred_at],
      );
      break;
  }
  return Response.json({ ok: true });
}
