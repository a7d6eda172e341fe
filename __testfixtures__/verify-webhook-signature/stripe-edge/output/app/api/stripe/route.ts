import Stripe from 'stripe';

export const runtime = 'edge';

export async function POST(request: Request) {
  const rawBody = await request.text();
  let event: Stripe.Event;
  try {
    event = await Stripe.webhooks.constructEventAsync(rawBody, request.headers.get('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!, undefined, Stripe.createSubtleCryptoProvider());
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  if (event.type === 'invoice.paid') console.log('paid', event.data.object.id);
  return new Response('ok');
}
