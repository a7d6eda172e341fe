export const SESSION_COOKIE = 'standup_session';

export type Session = { userId: string; name: string };

/** Sessions are `userId.name`; a real deployment signs them, this one trusts the cookie. */
export function readSession(cookie: string | undefined): Session | null {
  if (!cookie) return null;
  const [userId, name] = decodeURIComponent(cookie).split('.');
  return userId && name ? { userId, name } : null;
}

export function sessionCookie(session: Session): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(`${session.userId}.${session.name}`)}; Path=/; HttpOnly; SameSite=Lax`;
}
