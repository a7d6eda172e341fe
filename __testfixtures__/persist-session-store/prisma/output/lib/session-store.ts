import { prisma } from './prisma';

// A key's value unless it has expired; an expired row is deleted by the same statement.
const GET = `with expired as (delete from session_store where namespace = $1 and key = $2 and expires_at <= now())
select value::text as value from session_store where namespace = $1 and key = $2 and expires_at > now()`;
// Keeps a value until now + $4 seconds, by the database's clock, and removes up to 100 other expired rows.
const SET = `with swept as (delete from session_store where (namespace, key) in (
select namespace, key from session_store where expires_at <= now() and not (namespace = $1 and key = $2) limit 100))
insert into session_store (namespace, key, value, expires_at)
values ($1, $2, $3::text::jsonb, now() + make_interval(secs => $4::integer))
on conflict (namespace, key) do update set value = excluded.value, expires_at = excluded.expires_at`;
const DELETE = 'delete from session_store where namespace = $1 and key = $2';

/**
 * Sessions, one-time codes and tokens, kept where every server instance sees them and a restart or a
 * deploy keeps them: each under a namespace (the in-memory map it replaces) and a key, as JSON, until
 * it expires. An expired value is never returned.
 */
export const sessionStore = {
  /** The value kept for `key`, or null when there is none or it has expired. */
  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    const [row] = await prisma.$queryRawUnsafe<Array<{ value: string }>>(GET, namespace, key);
    return row ? JSON.parse(row.value) : null;
  },

  /** Keeps `value` (anything JSON can hold) for `key` during `ttlSeconds`, replacing what was there. */
  async set(namespace: string, key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await prisma.$executeRawUnsafe(SET, namespace, key, JSON.stringify(value), ttlSeconds);
  },

  /** Removes the value kept for `key`, if any. */
  async delete(namespace: string, key: string): Promise<void> {
    await prisma.$executeRawUnsafe(DELETE, namespace, key);
  },
};
