import { sendResetEmail } from '../../lib/mail';

export default async function handler(req, res) {
  await sendResetEmail(req.body.email);
  res.status(200).json({ ok: true });
}
