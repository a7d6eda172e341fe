import Link from 'next/link';
import { PLANS } from '../pages/pricing';

export default function PricingTeaser() {
  const cheapest = PLANS.filter((plan) => plan.price > 0).sort((a, b) => a.price - b.price)[0];
  return (
    <p>
      Free for small teams; paid plans from ${cheapest.price} a month. <Link href="/pricing">See pricing</Link>
    </p>
  );
}
