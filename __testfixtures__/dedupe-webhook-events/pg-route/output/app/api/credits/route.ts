import Stripe from 'stripe';
import { Pool } from 'pg';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function POST(request: Request) {
  const payload = await request.text();
  const event = await stripe.webhooks.constructEventAsync(payload, request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const recorded = await pool.query(
    'INSERT INTO webhook_events (id, provider, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
    [event.id, 'stripe', event.type],
  );
  if (recorded.rowCount === 0) return new Response('duplicate event', { status: 200 });
  try {
    if (event.type === 'payment_intent.succeeded') {
      const intent = event.data.object as Stripe.PaymentIntent;
      await pool.query('INSERT INTO payments (intent_id, amount) VALUES ($1, $2)', [intent.id, intent.amount]);
    }
    return new Response('ok');
  } catch (error) {
    await pool.query('DELETE FROM webhook_events WHERE id = $1', [event.id]);
    throw error;
  }
}
