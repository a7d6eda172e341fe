import Stripe from 'stripe';
import { Resend } from 'resend';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const resend = new Resend(process.env.RESEND_API_KEY);

export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') {
    const invoice = event.data.object as Stripe.Invoice;
    await resend.emails.send({ from: 'billing@example.com', to: invoice.customer_email!, subject: 'Thank you', text: 'Paid.' });
  }
  return Response.json({ received: true });
}
