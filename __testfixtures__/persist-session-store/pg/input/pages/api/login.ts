import { randomUUID } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { pool } from '../../lib/db';

// Sessions by token: in memory for now
const sessions = new Map<string, { userId: number; email: string }>();

function sessionFor(req: NextApiRequest) {
  const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  if (!sessions.has(token)) return null;
  return sessions.get(token)!;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const session = sessionFor(req);
    return session ? res.status(200).json({ email: session.email }) : res.status(401).json({ error: 'Not signed in' });
  }
  if (req.method === 'DELETE') {
    sessions.delete(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    return res.status(204).end();
  }
  const { email, password } = req.body;
  const { rows } = await pool.query('select id, password_hash from users where email = $1', [email]);
  if (!rows[0] || !(await bcrypt.compare(password, rows[0].password_hash))) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  const token = randomUUID();
  sessions.set(token, { userId: rows[0].id, email });
  return res.status(200).json({ token });
}
