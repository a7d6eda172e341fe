import crypto from 'node:crypto';
import { pool } from '@/lib/db';

// A billing service of its own, signed with an HMAC: its payload's time is unknown, so only a note is left.
export async function POST(req: Request) {
  const raw = await req.text();
  const expected = crypto.createHmac('sha256', process.env.BILLING_WEBHOOK_SECRET!).update(raw).digest();
  const given = Buffer.from(req.headers.get('x-billing-signature') ?? '', 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return new Response('no', { status: 401 });
  const event = JSON.parse(raw);
  if (event.type === 'subscription.updated') {
    await pool.query('UPDATE accounts SET plan = $1 WHERE billing_id = $2', [event.data.plan, event.data.id]);
  }
  return Response.json({ ok: true });
}
