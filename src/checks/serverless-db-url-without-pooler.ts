import type { Assignment, Datasource } from '@mrleebo/prisma-ast';
import { prismaAst } from '../analysis/prisma-schema-parser.ts';
import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { driverNames, type DriverNames } from '../analysis/db-drivers.ts';
import { isDirectUrlName, isNeonDirect, isPostgresUrl, isSupabaseDirect, isTransactionPooler } from '../analysis/db-urls.ts';
import { isEnvTemplate } from '../project/env-files.ts';
import { isSourceFile } from '../project/load-project.ts';
import { packageFor } from '../project/packages.ts';
import type { PackageInfo, Project } from '../project/types.ts';

type Fact =
  | { kind: 'schema'; file: string; urlVariable: string | null; urlLine: number; hasDirectUrl: boolean }
  | { kind: 'postgres-js'; file: string; line: number; column: number };

/** Functions that start an instance per request burst: Next.js, Vercel and Netlify deployments. */
function isServerless(project: Project, pkg: PackageInfo | null): boolean {
  if (pkg?.next) return true;
  return project.files.some((file) => /(^|\/)(vercel\.json|netlify\.toml)$/.test(file));
}

/** The installed Prisma's major version, else the declared range's. */
function prismaMajor(pkg: PackageInfo | null): number | null {
  const version = pkg?.prisma?.installed ?? pkg?.prisma?.range;
  const major = version ? /(\d+)/.exec(version) : null;
  return major ? Number(major[1]) : null;
}

function schemaFact(file: string, text: string): Fact | null {
  let datasource: Datasource | undefined;
  try {
    datasource = prismaAst()
      .getSchema(text)
      .list.find((block): block is Datasource => block.type === 'datasource');
  } catch {
    return null;
  }
  if (!datasource) return null;
  const assignment = (key: string) => datasource!.assignments.find((a): a is Assignment => a.type === 'assignment' && a.key === key);
  const url = assignment('url');
  const value = url?.value as { type?: string; name?: string; params?: string[] } | undefined;
  const urlVariable = value?.type === 'function' && value.name === 'env' ? (value.params?.[0] ?? '').replace(/^"|"$/g, '') : null;
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^\s*datasource\s+\w+\s*\{/.test(line));
  const urlLine = lines.findIndex((line, index) => index > start && /^\s*url\s*=/.test(line));
  return {
    kind: 'schema',
    file,
    urlVariable,
    urlLine: (urlLine >= 0 ? urlLine : Math.max(start, 0)) + 1,
    hasDirectUrl: assignment('directUrl') !== undefined,
  };
}

function turnsOffPrepare(options: Node | undefined): boolean {
  if (options?.type !== 'ObjectExpression') return options !== undefined;
  return options.properties.some(
    (p) => p.type === 'SpreadElement' || (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'prepare'),
  );
}

export default defineCheck({
  meta: {
    id: 'serverless-db-url-without-pooler',
    title: 'Serverless app connects to Postgres without a pooler',
    severity: 'high',
    category: 'data-access',
    messages: {
      supabaseDirectHost:
        "{{variable}} points at Supabase's direct host ({{host}}:5432): use the transaction pooler on port 6543 in serverless functions.",
      neonDirectHost: '{{variable}} points at Neon without its pooler: use the `-pooler` host in serverless functions.',
      pgbouncerParamMissing:
        "{{variable}} reaches the transaction pooler without `?pgbouncer=true`: Prisma's prepared statements fail there.",
      directUrlMissing: 'The datasource uses the pooled {{variable}} but has no `directUrl`: migrations need a direct connection.',
      preparedStatements:
        'postgres.js on a transaction pooler needs `prepare: false`: prepared statements do not survive between transactions there.',
    },
    docs: 'On Vercel or Netlify every function instance opens its own connections, so a traffic burst exhausts a database reached directly. Connect through the transaction pooler (Supabase port 6543, Neon `-pooler` hosts); Prisma then needs `?pgbouncer=true` and a `directUrl` for migrations, and postgres.js and Drizzle need `prepare: false`. Prisma 7 keeps its URLs in `prisma.config.ts`.',
    prefilter: (text, project, file) =>
      isServerless(project, packageFor(project.packages, file)) &&
      (file.endsWith('.prisma') ? text.includes('datasource') : text.includes('postgres')),
    files: (file) => isSourceFile(file) || /(^|\/)schema\.prisma$/.test(file),
    fix: 'prisma-pooler-config',
    finds:
      "in a serverless app (Next.js, `vercel.json`, `netlify.toml`): a database URL in an env file on Supabase's direct host or a Neon host without `-pooler`; Prisma (before 7) on port 6543 without `?pgbouncer=true`; a `schema.prisma` datasource on a pooled URL with no `directUrl`; postgres.js on a pooler without `prepare: false`. Variables named for migrations (`DIRECT_URL`, …) are fine. The finding points at the env-file line, the schema line or the call; URL values are never kept or shown, only their host, port and pooling parameters",
    sources: [
      {
        title: 'Supabase: connecting to Postgres (transaction pooler, port 6543)',
        url: 'https://supabase.com/docs/guides/database/connecting-to-postgres',
      },
      { title: 'Supabase: Prisma', url: 'https://supabase.com/docs/guides/database/prisma' },
      {
        title: 'Prisma: configure Prisma Client with PgBouncer',
        url: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/pgbouncer',
      },
      { title: 'Neon: connection pooling', url: 'https://neon.com/docs/connect/connection-pooling' },
    ],
  },
  check(ctx) {
    if (ctx.file.path.endsWith('.prisma')) {
      const fact = schemaFact(ctx.file.path, ctx.file.text);
      if (fact) ctx.collect(fact);
      return;
    }
    let names: DriverNames | null = null;
    return {
      Program(program) {
        names = driverNames(program);
      },
      CallExpression(call) {
        if (call.callee.type !== 'Identifier' || !names?.postgres.has(call.callee.name)) return;
        if (turnsOffPrepare(call.arguments[1] as Node | undefined)) return;
        ctx.collect({
          kind: 'postgres-js',
          file: ctx.file.path,
          line: call.loc!.start.line,
          column: call.loc!.start.column + 1,
        } satisfies Fact);
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as Fact[];
    const schema = facts.find((fact): fact is Extract<Fact, { kind: 'schema' }> => fact.kind === 'schema');
    const pooled = new Set<string>();
    for (const env of ctx.project.envFiles) {
      if (isEnvTemplate(env.path)) continue;
      const pkg = packageFor(ctx.project.packages, env.path);
      if (!isServerless(ctx.project, pkg)) continue;
      const prisma = pkg?.databases.includes('prisma') ? prismaMajor(pkg) : null;
      for (const variable of env.variables) {
        const url = variable.url;
        if (!url || !isPostgresUrl(url)) continue;
        if (isTransactionPooler(url)) pooled.add(variable.name);
        const at = { file: env.path, loc: { line: variable.line, column: 1 } };
        if (isDirectUrlName(variable.name)) continue;
        if (isSupabaseDirect(url)) {
          ctx.report({
            ...at,
            messageId: 'supabaseDirectHost',
            data: { kind: 'direct-host', variable: variable.name, host: url.host },
          });
        } else if (isNeonDirect(url)) {
          ctx.report({
            ...at,
            messageId: 'neonDirectHost',
            data: { kind: 'direct-host', variable: variable.name },
          });
        } else if (
          prisma !== null &&
          prisma < 7 &&
          url.port === '6543' &&
          url.params.pgbouncer !== 'true' &&
          (schema?.urlVariable ?? 'DATABASE_URL') === variable.name
        ) {
          ctx.report({
            ...at,
            messageId: 'pgbouncerParamMissing',
            data: { kind: 'pgbouncer-param', variable: variable.name },
          });
        }
      }
    }
    if (schema && schema.urlVariable && pooled.has(schema.urlVariable) && !schema.hasDirectUrl) {
      const pkg = packageFor(ctx.project.packages, schema.file);
      const major = prismaMajor(pkg);
      if (major === null || major < 7) {
        ctx.report({
          file: schema.file,
          loc: { line: schema.urlLine, column: 1 },
          messageId: 'directUrlMissing',
          data: { kind: 'direct-url', variable: schema.urlVariable },
        });
      }
    }
    if (pooled.size > 0) {
      for (const fact of facts) {
        if (fact.kind !== 'postgres-js') continue;
        ctx.report({
          file: fact.file,
          loc: { line: fact.line, column: fact.column },
          messageId: 'preparedStatements',
          data: { kind: 'prepare' },
        });
      }
    }
  },
});
