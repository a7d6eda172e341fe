import { stripe } from '../lib/stripe';

export default function Checkout() {
  const pay = async () => {
    await stripe.checkout.sessions.create({ mode: 'payment' });
  };
  return <button onClick={pay}>Pay with {process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY}</button>;
}
