import "server-only"
import mysql from "mysql2/promise"

// One pool per process, shared by every request. Next.js re-runs modules on every reload in
// development, so the pool is kept on globalThis there instead of being opened again.
const globalForDb = globalThis as unknown as { mysqlPool?: mysql.Pool }

export const pool = globalForDb.mysqlPool ?? mysql.createPool(process.env.MYSQL_URL!)

if (process.env.NODE_ENV !== "production") globalForDb.mysqlPool = pool
