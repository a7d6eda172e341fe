import { createClient } from '@supabase/supabase-js';

// The server's service-role client: only service_role may execute the session_store functions, which
// read and write a table that row level security keeps from every other role. Server-side code only.
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
});

/**
 * Sessions, one-time codes and tokens, kept where every server instance sees them and a restart or a
 * deploy keeps them: each under a namespace (the in-memory map it replaces) and a key, as JSON, until
 * it expires. An expired value is never returned.
 */
export const sessionStore = {
  /** The value kept for `key`, or null when there is none or it has expired. */
  async get(namespace, key) {
    const { data, error } = await supabase.rpc('session_store_get', { p_namespace: namespace, p_key: key });
    if (error) throw error;
    return data ?? null;
  },

  /** Keeps `value` (anything JSON can hold) for `key` during `ttlSeconds`, replacing what was there. */
  async set(namespace, key, value, ttlSeconds) {
    const { error } = await supabase.rpc('session_store_set', { p_namespace: namespace, p_key: key, p_value: value, p_ttl_seconds: ttlSeconds });
    if (error) throw error;
  },

  /** Removes the value kept for `key`, if any. */
  async delete(namespace, key) {
    const { error } = await supabase.rpc('session_store_delete', { p_namespace: namespace, p_key: key });
    if (error) throw error;
  },
};
