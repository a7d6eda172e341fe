import { Resend } from 'resend';

const resend = new Resend(process.env.RESEND_API_KEY);

export async function GET() {
  await resend.emails.send({ from: 'digest@example.com', to: 'team@example.com', subject: 'Digest', text: 'Today' });
  return new Response(null, { status: 204 });
}
