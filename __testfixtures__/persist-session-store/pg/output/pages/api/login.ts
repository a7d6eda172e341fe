import { randomUUID } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { pool } from '../../lib/db';
import { sessionStore } from '../../lib/session-store';

async function sessionFor(req: NextApiRequest) {
  const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  if ((await sessionStore.get('sessions', token)) === null) return null;
  return (await sessionStore.get<{ userId: number; email: string }>('sessions', token))!;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const session = await sessionFor(req);
    return session ? res.status(200).json({ email: session.email }) : res.status(401).json({ error: 'Not signed in' });
  }
  if (req.method === 'DELETE') {
    await sessionStore.delete('sessions', req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    return res.status(204).end();
  }
  const { email, password } = req.body;
  const { rows } = await pool.query('select id, password_hash from users where email = $1', [email]);
  if (!rows[0] || !(await bcrypt.compare(password, rows[0].password_hash))) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  const token = randomUUID();
  await sessionStore.set('sessions', token, { userId: rows[0].id, email }, 604800);
  return res.status(200).json({ token });
}
