import path from 'node:path';
import { relativeImport } from '../../src/engine/codemod.ts';
import { newFileText } from '../../src/engine/project-style.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';
import { RATE_LIMIT_FUNCTION, backendOf, packageLayout, rateLimitsMigrations } from '../../src/sql/rate-limits-table.ts';

/** `lib/rate-limit.ts`, or under `src/lib/` where the handlers live under `src/`. */
export function modulePaths(pkg: PackageInfo, handlerFiles: readonly string[], typescript: boolean): string[] {
  const inSrc = handlerFiles.some((file) => file.slice(pkg.dir ? pkg.dir.length + 1 : 0).startsWith('src/'));
  const dir = path.posix.join(pkg.dir, inSrc ? 'src/lib' : 'lib');
  // A project's own `rate-limit` module (often the in-memory one) keeps its name; the new one goes beside it.
  return ['rate-limit', 'rate-limit-db'].map((name) => `${dir}/${name}.${typescript ? 'ts' : 'js'}`);
}

/** A module of the project's that exports one shared client under one of these names, with the export's name. */
function sharedClient(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  exports: RegExp,
  made: RegExp,
): { file: string; name: string; default: boolean } | null {
  const candidates = project.files
    .filter((file) => file.startsWith(pkg.dir ? `${pkg.dir}/` : '') && /(^|\/)(src\/)?(lib|utils|server|db)\/[\w-]+\.[jt]s$/.test(file))
    .filter((file) => /(prisma|db|database|pool|client|postgres|sql)\.[jt]s$/.test(file))
    .sort();
  for (const file of candidates) {
    const text = changeset.read(file);
    if (!text || !made.test(text)) continue;
    const name = exports.exec(text)?.[1];
    if (name) return { file, name, default: false };
    const fallback = /export default (\w+)/.exec(text)?.[1];
    if (fallback) return { file, name: fallback, default: true };
  }
  return null;
}

const DATABASE_URL = /^(DATABASE_URL|POSTGRES_URL|POSTGRES_PRISMA_URL|SUPABASE_DB_URL|DB_URL)$/;

function envNames(project: Project): string[] {
  return project.envFiles.flatMap((env) => env.variables.map((variable) => variable.name));
}

function databaseUrlVariable(project: Project): string {
  return envNames(project).find((name) => DATABASE_URL.test(name)) ?? 'DATABASE_URL';
}

/** The variables the app keeps its Supabase URL and service-role key in, as its env files or its code name them. */
function supabaseVariables(project: Project, changeset: Changeset, pkg: PackageInfo): { url: string; serviceRoleKey: string | null } {
  const names = new Set(envNames(project));
  for (const file of project.files) {
    if (!file.startsWith(pkg.dir ? `${pkg.dir}/` : '') || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    const text = changeset.read(file) ?? '';
    if (text.includes('SUPABASE')) for (const match of text.matchAll(/process\.env\.(\w*SUPABASE\w*)/g)) names.add(match[1]!);
  }
  const url = ['SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_URL'].find((name) => names.has(name)) ?? 'NEXT_PUBLIC_SUPABASE_URL';
  const serviceRoleKey = [...names].sort().find((name) => /SERVICE_ROLE|SUPABASE_SECRET_KEY/.test(name) && !/^NEXT_PUBLIC_/.test(name));
  return { url, serviceRoleKey: serviceRoleKey ?? null };
}

/** The Prisma model of the table, so `prisma migrate dev` sees no drift and the client knows it. */
function prismaModel(module: string): string {
  return [
    `/// Request counts per route and caller, for ${module}. Server-only: RLS is on with no policy.`,
    'model RateLimit {',
    '  key         String   @id',
    '  windowStart DateTime @map("window_start") @db.Timestamptz(6)',
    '  hits        BigInt',
    '',
    '  @@map("rate_limits")',
    '}',
  ].join('\n');
}

/**
 * Writes the limiter module for a package, with its table (a migration, and the Prisma model where
 * Prisma is used), once; returns the module's path, or null when the package has no store to use.
 */
export async function writeLimiter(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  handlerFiles: readonly string[],
  options: { limit: number; windowSeconds: number },
): Promise<{ module: string; migrations: string[]; serviceRoleKey?: string } | null> {
  const backend = backendOf(pkg);
  if (!backend) return null;
  const typescript = handlerFiles.some((file) => /\.tsx?$/.test(file));
  let module = '';
  for (const candidate of modulePaths(pkg, handlerFiles, typescript)) {
    const existing = changeset.read(candidate);
    if (existing !== null && /export (async )?function rateLimit\b/.test(existing) && /export function clientAddress\b/.test(existing))
      return { module: candidate, migrations: [] };
    if (existing === null) {
      module = candidate;
      break;
    }
  }
  if (!module) return null;
  const data: Record<string, unknown> = {
    typescript,
    limit: options.limit,
    windowSeconds: options.windowSeconds,
    upstash: backend === 'upstash',
    sql: backend !== 'upstash' && backend !== 'supabase',
    supabase: null,
    poolImport: null,
    ownPool: false,
    prismaImport: null,
    ownPrisma: false,
    pgQuery: null,
    postgresJs: null,
    prisma: null,
    databaseUrl: databaseUrlVariable(project),
  };
  if (backend === 'pg') {
    // The exported pool itself: a module that exports only a `query` helper around its pool has none to share.
    const shared = sharedClient(
      project,
      changeset,
      pkg,
      /export const (\w+)(?:\s*:\s*[\w.]+)?\s*=\s*(?:[\w.]+\s*\?\?\s*)?new (?:pg\.)?Pool\(/,
      /new (pg\.)?Pool\(/,
    );
    data.poolImport = shared ? { name: shared.name, default: shared.default, source: relativeImport(module, shared.file) } : null;
    data.ownPool = !shared;
    data.pgQuery = shared?.name ?? 'pool';
  } else if (backend === 'postgres.js') {
    const shared = sharedClient(project, changeset, pkg, /export const (\w+)\s*=\s*(globalFor\w+\.\w+\s*\?\?\s*)?postgres\(/, /postgres\(/);
    if (!shared) return null;
    data.poolImport = { name: shared.name, default: shared.default, source: relativeImport(module, shared.file) };
    data.postgresJs = shared.name;
  } else if (backend === 'prisma') {
    const shared = sharedClient(project, changeset, pkg, /export const (\w+)\s*=/, /new PrismaClient\(/);
    data.prismaImport = shared ? { name: shared.name, default: shared.default, source: relativeImport(module, shared.file) } : null;
    data.ownPrisma = !shared;
    data.prisma = shared?.name ?? 'prisma';
  }
  let serviceRoleKey: string | undefined;
  if (backend === 'supabase') {
    const variables = supabaseVariables(project, changeset, pkg);
    serviceRoleKey = variables.serviceRoleKey ?? 'SUPABASE_SERVICE_ROLE_KEY';
    data.supabase = { url: variables.url, serviceRoleKey, function: RATE_LIMIT_FUNCTION };
  }
  changeset.write(module, await newFileText(project, module, renderTemplate('code/rate-limit.ts', data)));
  if (backend === 'upstash') return { module, migrations: [] };
  const migrations = rateLimitsMigrations(project, packageLayout(pkg), module, { rpcFunction: backend === 'supabase' });
  for (const migration of migrations) {
    if (changeset.read(migration.path) !== null) continue;
    changeset.write(migration.path, await newFileText(project, migration.path, migration.content));
    changeset.write(migration.rollbackPath, await newFileText(project, migration.rollbackPath, migration.rollbackContent));
  }
  if (backend === 'prisma' && pkg.prismaSchema) {
    const schema = changeset.read(pkg.prismaSchema);
    if (schema !== null && !/@@map\("rate_limits"\)|^model RateLimit\b/m.test(schema)) {
      const newline = schema.includes('\r\n') ? '\r\n' : '\n';
      const body = schema.replace(/\s*$/, '');
      changeset.write(pkg.prismaSchema, `${body}${newline}${newline}${prismaModel(module).replace(/\n/g, newline)}${newline}`);
    }
  }
  return { module, migrations: migrations.map((migration) => migration.path), ...(serviceRoleKey ? { serviceRoleKey } : {}) };
}
