import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'pg-pool',
  title: 'One connection pool per process',
  description:
    'Creates one pool module (`lib/db.ts`) for node-postgres, mysql2 or postgres.js, and turns each connection opened per request into a use of it: `client.query` becomes `pool.query`, `connect()`/`end()` go, and a transaction borrows a client with `pool.connect()` and gives it back with `release()`. A module-level pg `Client` shared by every request becomes a `Pool` under its own name, without its `connect()`.',
  safe: true,
};
