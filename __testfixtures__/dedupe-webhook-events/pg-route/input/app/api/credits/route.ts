import Stripe from 'stripe';
import { Pool } from 'pg';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function POST(request: Request) {
  const payload = await request.text();
  const event = await stripe.webhooks.constructEventAsync(payload, request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'payment_intent.succeeded') {
    const intent = event.data.object as Stripe.PaymentIntent;
    await pool.query('INSERT INTO payments (intent_id, amount) VALUES ($1, $2)', [intent.id, intent.amount]);
  }
  return new Response('ok');
}
