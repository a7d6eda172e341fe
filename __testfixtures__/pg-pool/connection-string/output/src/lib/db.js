import { Pool } from 'pg'

// One pool per process, shared by every request. Next.js re-runs modules on every reload in
// development, so the pool is kept on globalThis there instead of being opened again.
const globalForDb = globalThis

export const pool = globalForDb.pgPool ?? new Pool({ connectionString: process.env.pg_data })

if (process.env.NODE_ENV !== 'production') globalForDb.pgPool = pool
