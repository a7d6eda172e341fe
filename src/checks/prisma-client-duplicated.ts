import { defineCheck } from './define.ts';
import { insideFunction, isGloballyCached, onPrismaConstruction } from '../analysis/prisma-ast.ts';
import { packageFor } from '../project/packages.ts';

interface ModuleClient {
  file: string;
  line: number;
  column: number;
  cached: boolean;
}

export default defineCheck({
  meta: {
    id: 'prisma-client-duplicated',
    title: 'More than one PrismaClient, or one not cached across reloads',
    severity: 'high',
    category: 'data-access',
    messages: {
      oneOfSeveral: 'One of {{count}} modules with their own PrismaClient (also {{others}}): each holds its own connection pool.',
      notCached: 'This PrismaClient is not cached on globalThis: every hot reload in development opens another connection pool.',
    },
    docs: 'Each module-level `new PrismaClient()` holds its own pool, so two modules mean twice the connections. In Next.js development every hot reload re-runs the module and opens another pool unless the client is cached on `globalThis`. Keep one module that exports `globalThis.prisma ?? new PrismaClient()` and import it everywhere.',
    prefilter: ['PrismaClient'],
    fix: 'prisma-singleton',
    finds: 'more than one module-level `new PrismaClient()` in a package, or, in a Next.js app, one that is not cached on `globalThis`',
    sources: [
      {
        title: 'Prisma: best practice for instantiating Prisma Client with Next.js',
        url: 'https://www.prisma.io/docs/orm/more/help-and-troubleshooting/nextjs-help',
      },
      {
        title: 'Prisma: connection management',
        url: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-management',
      },
    ],
  },
  check(ctx) {
    return onPrismaConstruction((node, ancestors) => {
      if (insideFunction(ancestors)) return;
      const fact: ModuleClient = {
        file: ctx.file.path,
        line: node.loc!.start.line,
        column: node.loc!.start.column + 1,
        cached: isGloballyCached(ancestors),
      };
      ctx.collect(fact);
    });
  },
  finish(ctx) {
    // Each package of a monorepo runs as its own process, with its own client.
    const byPackage = new Map<string, ModuleClient[]>();
    for (const client of ctx.facts as ModuleClient[]) {
      const dir = packageFor(ctx.project.packages, client.file)?.dir ?? '';
      byPackage.set(dir, [...(byPackage.get(dir) ?? []), client]);
    }
    for (const [dir, unsorted] of byPackage) {
      // One module may construct the client in more than one branch (production, or once into the cache): it is still one client.
      const byFile = new Map<string, ModuleClient[]>();
      for (const client of unsorted.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
        byFile.set(client.file, [...(byFile.get(client.file) ?? []), client]);
      }
      const modules = [...byFile.values()];
      if (modules.length > 1) {
        for (const [first] of modules) {
          const others = [...byFile.keys()].filter((file) => file !== first!.file);
          ctx.report({
            file: first!.file,
            loc: { line: first!.line, column: first!.column },
            messageId: 'oneOfSeveral',
            data: { count: modules.length, others: others.join(', ') },
          });
        }
        continue;
      }
      const [only] = modules;
      if (!only || only.some((client) => client.cached) || !ctx.project.packages.find((p) => p.dir === dir)?.next) continue;
      ctx.report({
        file: only[0]!.file,
        loc: { line: only[0]!.line, column: only[0]!.column },
        messageId: 'notCached',
      });
    }
  },
});
