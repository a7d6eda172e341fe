'use server';

import { stripe } from '@/lib/stripe';

export async function checkout(cart: Array<{ name: string; price: number }>) {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: cart.map((line) => ({ price_data: { currency: 'eur', product_data: { name: line.name }, unit_amount: line.price }, quantity: 1 })),
  });
  return session.url;
}
