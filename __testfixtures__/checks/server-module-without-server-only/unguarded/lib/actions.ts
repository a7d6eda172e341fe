'use server';
import { resend } from './mailer';

export async function sendWelcome(to: string) {
  await resend.emails.send({ from: 'hi@example.com', to, subject: 'Welcome', html: '<p>Hi</p>' });
}
