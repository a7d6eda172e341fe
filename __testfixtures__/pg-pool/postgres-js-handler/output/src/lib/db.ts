import 'server-only';
import postgres from 'postgres';

// One pool per process, shared by every request. Next.js re-runs modules on every reload in
// development, so the pool is kept on globalThis there instead of being opened again.
const globalForDb = globalThis as unknown as { postgresSql?: postgres.Sql };

export const sql = globalForDb.postgresSql ?? postgres(process.env.DATABASE_URL!, { ssl: 'require' });

if (process.env.NODE_ENV !== 'production') globalForDb.postgresSql = sql;
