import type { Queryable } from '../sql/introspect.ts';

/** One connection to a Postgres that verify may change: an embedded PGlite, or a scratch database on a server. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs one statement (or a script) as written, without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** The SQLSTATE of a database error, when it has one. */
export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : null;
}

export async function openPglite(): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
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

export async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  // A server that is down or refuses the login is a problem with the input, not an internal error.
  client.on('error', () => {});
  await client.connect();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}
