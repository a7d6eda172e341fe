import { emailCodes } from '../../../lib/email-codes';

export async function POST(req: Request) {
  const { email } = await req.json();
  const code = String(Math.floor(100000 + Math.random() * 900000));
  emailCodes.set(email, { code, expiresAt: Date.now() + 10 * 60_000 });
  return Response.json({ sent: true });
}
