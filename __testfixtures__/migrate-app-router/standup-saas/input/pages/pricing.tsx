import Head from 'next/head';
import Link from 'next/link';

export type Plan = { id: string; name: string; price: number; seats: string; features: string[] };

export const PLANS: Plan[] = [
  { id: 'free', name: 'Free', price: 0, seats: 'up to 5 people', features: ['Daily reminders', 'Slack summary'] },
  { id: 'team', name: 'Team', price: 29, seats: 'up to 25 people', features: ['Everything in Free', 'Webhooks', 'Time zones'] },
  { id: 'business', name: 'Business', price: 99, seats: 'unlimited', features: ['Everything in Team', 'SSO', 'Audit log'] },
];

export default function Pricing() {
  return (
    <>
      <Head>
        <title>
          Pricing | Standup, stand-ups
          in writing
        </title>
        <meta name="description" content="Free for small teams. Simple monthly plans for everyone else." />
      </Head>
      <h1>Pricing</h1>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: '1rem' }}>
        {PLANS.map((plan) => (
          <div key={plan.id} style={{ border: '1px solid #e2e8f0', borderRadius: 8, padding: '1rem' }}>
            <h2>{plan.name}</h2>
            <p>{plan.price === 0 ? 'Free' : `$${plan.price} / month`}</p>
            <p>{plan.seats}</p>
            <ul>
              {plan.features.map((feature) => (
                <li key={feature}>{feature}</li>
              ))}
            </ul>
            <Link href={`/login?next=/dashboard/settings&plan=${plan.id}`}>Choose {plan.name}</Link>
          </div>
        ))}
      </div>
    </>
  );
}
