import { Redis } from '@upstash/redis';

const redis = Redis.fromEnv();

/**
 * Sessions, one-time codes and tokens, kept where every server instance sees them and a restart or a
 * deploy keeps them: each under a namespace (the in-memory map it replaces) and a key, as JSON, until
 * it expires. An expired value is never returned.
 */
export const sessionStore = {
  /** The value kept for `key`, or null when there is none or it has expired. */
  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    return redis.get<T>(`${namespace}:${key}`);
  },

  /** Keeps `value` (anything JSON can hold) for `key` during `ttlSeconds`, replacing what was there. */
  async set(namespace: string, key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await redis.set(`${namespace}:${key}`, value, { ex: ttlSeconds });
  },

  /** Removes the value kept for `key`, if any. */
  async delete(namespace: string, key: string): Promise<void> {
    await redis.del(`${namespace}:${key}`);
  },
};
