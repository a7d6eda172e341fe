import { defineCheck } from './define.ts';
import { driverNames, opensConnection, sharedPgClient, type DriverNames } from '../analysis/db-drivers.ts';
import { insideFunction } from '../analysis/prisma-ast.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';

export default defineCheck({
  meta: {
    id: 'pg-client-shared',
    title: 'One pg Client shared by every request',
    severity: 'high',
    category: 'data-access',
    messages: {
      sharedClient:
        '`{{client}}` is one pg connection made at module level and shared by every request: they wait for each other, and once the connection drops it is never reopened. Make it a `Pool` (`new Pool(…)` has the same `query()`), and drop the `connect()` call.',
    },
    docs: 'A node-postgres `Client` is one connection. Created and connected once at module level, it serves every request in turn, so they queue behind each other, and when the database closes it (a restart, an idle timeout, a network blip) it never reconnects: every request fails until the process restarts. Use a `Pool`, which has the same `query()`, opens connections as needed and replaces broken ones.',
    prefilter: ["'pg'", '"pg"'],
    fix: 'pg-pool',
    finds:
      'a module-level pg `new Client()` that the module connects (`client.connect()`) and every request shares outside scripts and tests: requests queue on one connection, and once it drops it is never reopened',
    sources: [{ title: 'node-postgres: pooling', url: 'https://node-postgres.com/features/pooling' }],
  },
  check(ctx) {
    // A script or a test runs once and exits: one client is what it needs.
    if (isDevelopmentFile(ctx.file.path)) return;
    let names: DriverNames | null = null;
    return {
      Program(program) {
        names = driverNames(program);
      },
      NewExpression(node, ancestors) {
        if (!names || opensConnection(node, names) !== 'pg' || insideFunction(ancestors)) return;
        const client = sharedPgClient(ancestors[0]!, node, ancestors);
        if (!client) return;
        ctx.report({
          node,
          messageId: 'sharedClient',
          data: { client },
        });
      },
    };
  },
});
