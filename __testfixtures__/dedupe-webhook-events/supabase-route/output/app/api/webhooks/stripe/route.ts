import Stripe from 'stripe';
import { NextResponse } from 'next/server';
import { supabaseAdmin } from '@/lib/supabase-admin';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get('stripe-signature')!;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('invalid signature', { status: 400 });
  }
  const { data: recorded, error: recordError } = await supabaseAdmin
    .from('webhook_events')
    .upsert({ id: event.id, provider: 'stripe', type: event.type }, { onConflict: 'id', ignoreDuplicates: true })
    .select('id');
  if (recordError) throw recordError;
  if (!recorded?.length) return new Response('duplicate event', { status: 200 });
  try {

    switch (event.type) {
      case 'checkout.session.completed': {
        const session = event.data.object as Stripe.Checkout.Session;
        await supabaseAdmin.from('orders').insert({ session_id: session.id, amount: session.amount_total });
        break;
      }
      case 'customer.subscription.updated': {
        const subscription = event.data.object as Stripe.Subscription;
        await supabaseAdmin.from('subscriptions').update({ status: subscription.status }).eq('id', subscription.id);
        break;
      }
    }
    return NextResponse.json({ received: true });
  } catch (error) {
    await supabaseAdmin.from('webhook_events').delete().eq('id', event.id);
    throw error;
  }
}
