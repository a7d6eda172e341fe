import Stripe from 'stripe';
import { supabaseAdmin } from '@/lib/supabase-admin';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const body = await req.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('invalid signature', { status: 400 });
  }

  switch (event.type) {
    case 'checkout.session.completed':
      await supabaseAdmin.from('orders').update({ paid: true }).eq('session_id', (event.data.object as Stripe.Checkout.Session).id);
      break;
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = await stripe.subscriptions.retrieve((event.data.object as Stripe.Subscription).id);
      await supabaseAdmin
        .from('subscriptions')
        .update({ status: subscription.status, price_id: subscription.items.data[0]?.price.id })
        .eq('id', subscription.id);
      break;
    }
  }
  return Response.json({ received: true });
}
