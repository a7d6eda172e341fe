import { defineCheck } from './define.ts';
import { insideFunction, onPrismaConstruction } from '../engine/prisma-ast.ts';

export default defineCheck({
  meta: {
    id: 'prisma-client-per-request',
    title: 'PrismaClient created per request',
    severity: 'high',
    category: 'data-access',
    docs: 'Every `new PrismaClient()` opens its own connection pool. Created inside a handler, `getServerSideProps` or a server action, it opens a new pool per request, and the database runs out of connections under a few dozen concurrent users. Create one client per process in a shared module and import it.',
    prefilter: ['PrismaClient'],
    fix: 'prisma-singleton',
  },
  check(ctx) {
    return onPrismaConstruction((node, ancestors) => {
      if (insideFunction(ancestors)) ctx.report({ node, message: 'A new PrismaClient (and connection pool) is created each time this function runs: import one shared client instead.' });
    });
  },
});
