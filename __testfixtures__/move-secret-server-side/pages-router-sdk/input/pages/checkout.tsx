import { useState } from 'react';
import { stripe } from '../lib/stripe';

export default function Checkout({ priceId }: { priceId: string }) {
  const [quantity, setQuantity] = useState(1);

  const pay = async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: priceId, quantity }],
      success_url: `${window.location.origin}/thanks`,
    });
    window.location.href = session.url!;
  };

  return (
    <div>
      <input type="number" value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} />
      <button onClick={pay}>Pay</button>
    </div>
  );
}
