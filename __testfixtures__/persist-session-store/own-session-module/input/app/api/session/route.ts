import { cookies } from 'next/headers';
import { pool } from '../../../lib/db';
import { createSession, destroySession, getSession } from '../../../lib/session-store';

export async function POST(request: Request) {
  const { email } = await request.json();
  const { rows } = await pool.query('select id from users where email = $1', [email]);
  if (!rows[0]) return Response.json({ error: 'Unknown user' }, { status: 401 });
  const id = createSession(rows[0].id);
  (await cookies()).set('session', id, { httpOnly: true, secure: true, sameSite: 'lax' });
  return Response.json({ signedIn: true });
}

export async function GET() {
  const id = (await cookies()).get('session')?.value ?? '';
  const session = getSession(id);
  return session ? Response.json({ userId: session.userId }) : Response.json({ error: 'Not signed in' }, { status: 401 });
}

export async function DELETE() {
  const id = (await cookies()).get('session')?.value ?? '';
  destroySession(id);
  return new Response(null, { status: 204 });
}
