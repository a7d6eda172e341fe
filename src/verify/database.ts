import type { PGlite } from '@electric-sql/pglite';
import type { Queryable } from '../sql/introspect.ts';

/** One connection to a Postgres that verify may change: an embedded PGlite, or a scratch database on a server. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs one statement (or a script) as written, without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** The SQLSTATE of a role refused a table, a function or a privilege it lacks. */
export const INSUFFICIENT_PRIVILEGE = '42501';
/** The SQLSTATE of a table that does not exist (or no longer does). */
export const UNDEFINED_TABLE = '42P01';

/** The SQLSTATE of a database error, when it has one. */
export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * A fresh PGlite, loaded from a snapshot: a blank one, or with `supabase` one with the Supabase
 * emulation already loaded. Built, it runs in a worker thread, which is ended when a statement runs
 * longer than `statementMs`; from the sources (where a worker cannot load a .ts file) it runs here,
 * without that limit.
 */
export async function openPglite(options: { supabase?: boolean; statementMs?: number } = {}): Promise<Database> {
  const supabase = Boolean(options.supabase);
  if (import.meta.url.endsWith('.js')) {
    return openPgliteWorker(new URL('./pglite-worker.js', import.meta.url), supabase, options.statementMs ?? DEFAULT_TIMEOUTS.statementMs);
  }
  const { openBlankPglite, openEmulatedPglite } = await import('./snapshot.ts');
  return pgliteDatabase(supabase ? await openEmulatedPglite() : await openBlankPglite());
}

const PGLITE = 'the embedded PGlite';

/** What the main thread asks of the PGlite worker (`pglite-worker.ts`), and what it answers. */
export interface PgliteRequest {
  id: number;
  op: 'query' | 'exec' | 'close';
  sql?: string;
  params?: unknown[];
}

export type PgliteReply =
  | { id: number; rows?: unknown[] }
  | { id: number; error: { message: string; props: Record<string, unknown> } }
  | { opened: true }
  | { failed: { message: string } };

async function openPgliteWorker(file: URL, supabase: boolean, statementMs: number): Promise<Database> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(file, { workerData: { supabase } });
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let stopped: Error | null = null;
  let opened!: { resolve: () => void; reject: (error: Error) => void };
  const open = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
  const stop = (error: Error) => {
    stopped ??= error;
    opened.reject(stopped);
    for (const waiter of waiting.values()) waiter.reject(stopped);
    waiting.clear();
  };
  worker.on('message', (reply: PgliteReply) => {
    if ('opened' in reply) return opened.resolve();
    if ('failed' in reply) return stop(new Error(`${PGLITE} did not start: ${reply.failed.message}`));
    const waiter = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) waiter?.reject(Object.assign(new Error(reply.error.message), reply.error.props));
    else waiter?.resolve(reply.rows ?? []);
  });
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`${PGLITE} stopped (exit code ${code})`)));
  await open;

  let nextId = 1;
  const send = (request: Omit<PgliteRequest, 'id'>) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      const timer = setTimeout(() => {
        stop(new DatabaseTimeout(PGLITE, 'a statement', statementMs));
        void worker.terminate();
      }, statementMs);
      waiting.set(id, {
        resolve: (rows) => (clearTimeout(timer), resolve(rows)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      worker.postMessage({ ...request, id } satisfies PgliteRequest);
    });
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      return { rows: (await send({ op: 'query', sql, params })) as T[] };
    },
    async exec(sql: string) {
      await send({ op: 'exec', sql });
    },
    async close() {
      if (!stopped) await send({ op: 'close' }).catch(() => {});
      await worker.terminate();
    },
  };
}

export function pgliteDatabase(db: PGlite): Database {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

/** A server that stopped answering: the input is wrong (a firewall, a wrong port, a lock held elsewhere), not shipshape. */
export class DatabaseTimeout extends Error {
  constructor(
    readonly host: string,
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${host} did not answer ${what} within ${ms / 1000} s`);
  }
}

export interface Timeouts {
  /** To open the connection, login included. */
  connectMs: number;
  /** The server cancels a statement that runs longer (statement_timeout). */
  statementMs: number;
  /** The client gives up on a query the server never answers. */
  queryMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, statementMs: 60_000, queryMs: 120_000 };

/**
 * The wait to connect a URL asks for with libpq's `connect_timeout` (whole seconds; libpq waits at
 * least 2), else the default. Zero, which libpq reads as "wait for ever", keeps the default: a
 * command that never returns is worse than one that says the server did not answer.
 */
export function withUrlTimeouts(url: string, timeouts: Timeouts): Timeouts {
  let seconds: number;
  try {
    seconds = Number(new URL(url).searchParams.get('connect_timeout') ?? Number.NaN);
  } catch {
    return timeouts;
  }
  return Number.isInteger(seconds) && seconds > 0 ? { ...timeouts, connectMs: Math.max(seconds, 2) * 1000 } : timeouts;
}

const STATEMENT_TIMEOUT = '57014';

/** `host:port` of a connection URL: what a message may name (never the user or the password). */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}` || 'localhost';
  } catch {
    return 'the database server';
  }
}

export async function openPostgres(url: string, defaults: Timeouts = DEFAULT_TIMEOUTS): Promise<Database> {
  const timeouts = withUrlTimeouts(url, defaults);
  const { default: pg } = await import('pg');
  const host = hostOf(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
  });
  // A server that is down or refuses the login is a problem with the input, not an internal error.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    if (/timeout/i.test((error as Error).message)) throw new DatabaseTimeout(host, 'the connection', timeouts.connectMs);
    throw error;
  }
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (sqlState(error) === STATEMENT_TIMEOUT) throw new DatabaseTimeout(host, 'a statement', timeouts.statementMs);
      if (/Query read timeout/i.test((error as Error).message)) throw new DatabaseTimeout(host, 'a query', timeouts.queryMs);
      throw error;
    }
  };
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await guard(() => client.query(sql, params));
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await guard(() => client.query(sql));
    },
    async close() {
      // A server that stopped answering never acknowledges the goodbye either.
      const timer = new Promise<void>((resolve) => setTimeout(resolve, timeouts.connectMs).unref());
      await Promise.race([client.end().catch(() => {}), timer]);
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    },
  };
}
