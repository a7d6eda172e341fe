import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { driverNames, opensConnection, type Connection, type DriverNames } from '../analysis/db-drivers.ts';
import { insideFunction } from '../analysis/prisma-ast.ts';

const ADVICE: Record<Connection, string> = {
  pg: 'use one module-level `Pool` and `pool.query()`',
  mysql2: 'use one module-level `createPool()`',
  'postgres.js': 'create one `postgres(url)` per process, at module level',
  mongodb: 'create the MongoClient once and reuse its connection',
  mongoose: 'connect once and reuse the connection (check `mongoose.connection.readyState`)',
};

export default defineCheck({
  meta: {
    id: 'db-connection-per-request',
    title: 'Database connection opened per request',
    severity: 'high',
    category: 'data-access',
    messages: { connectionPerCall: 'A {{driver}} connection is opened each time this function runs: {{advice}}.' },
    docs: 'Opening a database connection costs a network round trip, TLS and authentication, and the database allows only so many at once. A connection opened inside a handler is paid for on every request, and a burst of traffic exhausts the database. Keep one pool per process and borrow from it.',
    prefilter: ["'pg'", '"pg"', 'mysql2', "'postgres'", '"postgres"', 'mongodb', 'mongoose'],
    fix: 'pg-pool',
    finds:
      'a connection opened inside a function: pg `new Client()`, mysql2 `createConnection()`, postgres.js `postgres()`, `new MongoClient()` and `mongoose.connect()` (the last two are fine with a cached connection)',
    sources: [
      { title: 'node-postgres: pooling', url: 'https://node-postgres.com/features/pooling' },
      {
        title: 'Vercel: connection pooling with serverless functions',
        url: 'https://vercel.com/guides/connection-pooling-with-serverless-functions',
      },
    ],
  },
  check(ctx) {
    let names: DriverNames | null = null;
    // A cached connection (`global.mongoose`, `if (cached.conn)`) is the documented way to reuse one in serverless code.
    const cachesConnection = /\bglobal(This)?\b|readyState|\bcached\b/.test(ctx.file.text);
    return {
      Program(program) {
        names = driverNames(program);
      },
      NewExpression: report,
      CallExpression: report,
    };
    function report(node: Node, ancestors: readonly Node[]): void {
      const driver = names && opensConnection(node, names);
      if (!driver || !insideFunction(ancestors)) return;
      if ((driver === 'mongoose' || driver === 'mongodb') && cachesConnection) return;
      ctx.report({ node, messageId: 'connectionPerCall', data: { driver, advice: ADVICE[driver] } });
    }
  },
});
