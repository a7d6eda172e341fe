import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';

/** A database of its own on the server `url` names, dropped first if a failed run left it. */
export async function freshDatabase(url: string, name: string): Promise<{ admin: pg.Client; databaseUrl: string }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { admin, databaseUrl: target.toString() };
}

/** A fresh database (see `freshDatabase`) with a client connected to it, and how to drop it once done. */
export async function connectedDatabase(url: string, name: string): Promise<{ db: pg.Client; drop: () => Promise<void> }> {
  const { admin, databaseUrl } = await freshDatabase(url, name);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    db,
    drop: async () => {
      await db.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type Rpc = (name: string, args: Record<string, unknown>, key: string) => Promise<{ data: unknown; error: unknown }>;
const rpcSlot = globalThis as unknown as { supabaseRpc?: Rpc };

/** Routes the stand-in's `rpc()` calls to `rpc`. */
export function answerRpc(rpc: Rpc): void {
  rpcSlot.supabaseRpc = rpc;
}

/**
 * A generated module, importable: `@supabase/supabase-js` is a stand-in whose `rpc(…)` (awaited, or
 * through `.single()`) calls whatever `answerRpc` set, with the key the client was made with.
 */
export async function importWithSupabaseStandIn<Module>(entry: string, outfile: string): Promise<Module> {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'supabase-js-stand-in',
        setup(builder) {
          builder.onResolve({ filter: /^@supabase\/supabase-js$/ }, () => ({ path: 'supabase-js', namespace: 'stand-in' }));
          builder.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
            contents: [
              'export const createClient = (url, key) => ({',
              '  rpc: (name, args) => Object.assign(globalThis.supabaseRpc(name, args, key), { single() { return this; } }),',
              '});',
            ].join('\n'),
            loader: 'js',
          }));
        },
      },
    ],
  });
  process.env.NEXT_PUBLIC_SUPABASE_URL = 'http://127.0.0.1:54321';
  process.env.SUPABASE_SERVICE_ROLE_KEY = 'service-role-key';
  return import(`${pathToFileURL(outfile).href}?${Date.now()}`);
}

/**
 * PostgREST's call of a function: `select * from fn(name => value, …)` in the role the key stands for
 * (`service-role-key` is service_role, anything else anon). A function returning a table answers its
 * first row, one returning a value the value; an object argument goes as JSON.
 */
export function rpcOn(query: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>): Rpc {
  return async (name, args, key) => {
    const role = key === 'service-role-key' ? 'service_role' : 'anon';
    const named = Object.keys(args).map((arg, i) => `${arg} => $${i + 1}`);
    const values = Object.values(args).map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value));
    try {
      await query(`set role ${role}`, []);
      const row = (await query(`select * from public.${name}(${named.join(', ')})`, values))[0] ?? null;
      const columns = row ? Object.keys(row) : [];
      return { data: row && columns.length === 1 && columns[0] === name ? (row[name] ?? null) : row, error: null };
    } catch (error) {
      return { data: null, error };
    } finally {
      await query('reset role', []);
    }
  };
}
