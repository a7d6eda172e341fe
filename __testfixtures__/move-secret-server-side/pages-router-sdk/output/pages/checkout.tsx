import { useState } from 'react';

export default function Checkout({ priceId }: { priceId: string }) {
  const [quantity, setQuantity] = useState(1);

  const pay = async () => {
    const session = await fetch('/api/stripe/create-checkout-session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ priceId, quantity, origin: window.location.origin }) }).then((response) => response.json());
    window.location.href = session!;
  };

  return (
    <div>
      <input type="number" value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} />
      <button onClick={pay}>Pay</button>
    </div>
  );
}
