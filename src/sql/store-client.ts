import path from 'node:path';
import { moduleSpecifiers } from '../analysis/module-specifier.ts';
import type { Changeset } from '../engine/changeset.ts';
import { newFileText } from '../engine/project-style.ts';
import type { PackageInfo, Project } from '../project/types.ts';
import type { LimiterStore } from './rate-limits-table.ts';

/** A module of the project's that exports one shared client under one of these names, with the export's name. */
function sharedClient(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  exports: RegExp,
  made: RegExp,
): { file: string; name: string; default: boolean } | null {
  // `lib/prisma.ts`, and deeper ones such as `lib/prisma/prisma.ts`: the shallowest first.
  const depth = (file: string) => file.split('/').length;
  const candidates = project.files
    .filter(
      (file) =>
        file.startsWith(pkg.dir ? `${pkg.dir}/` : '') && /(^|\/)(src\/)?(lib|utils|server|db)\/([\w-]+\/)*[\w-]+\.[jt]s$/.test(file),
    )
    .filter((file) => /(prisma|db|database|pool|client|postgres|sql)\.[jt]s$/.test(file))
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
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

/**
 * What a generated store module's template needs to reach the app's database or Redis from `module`:
 * the app's own pool, postgres.js client or Prisma client where one module exports it (else one of
 * the module's own), the env variable of its database URL, and with supabase-js the variables of its
 * URL and service-role key. Null when a postgres.js app exports no client to share.
 */
export function storeClientData(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  module: string,
  backend: LimiterStore,
): { data: Record<string, unknown>; serviceRoleKey?: string } | null {
  const data: Record<string, unknown> = {
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
  const specifier = moduleSpecifiers(project, changeset);
  if (backend === 'pg') {
    // The exported pool itself: a module that exports only a `query` helper around its pool has none to share.
    const shared = sharedClient(
      project,
      changeset,
      pkg,
      /export const (\w+)(?:\s*:\s*[\w.]+)?\s*=\s*(?:[\w.]+\s*\?\?\s*)?new (?:pg\.)?Pool\(/,
      /new (pg\.)?Pool\(/,
    );
    data.poolImport = shared ? { name: shared.name, default: shared.default, source: specifier(module, shared.file) } : null;
    data.ownPool = !shared;
    data.pgQuery = shared?.name ?? 'pool';
  } else if (backend === 'postgres.js') {
    const shared = sharedClient(project, changeset, pkg, /export const (\w+)\s*=\s*(globalFor\w+\.\w+\s*\?\?\s*)?postgres\(/, /postgres\(/);
    if (!shared) return null;
    data.poolImport = { name: shared.name, default: shared.default, source: specifier(module, shared.file) };
    data.postgresJs = shared.name;
  } else if (backend === 'prisma') {
    const shared = sharedClient(project, changeset, pkg, /export const (\w+)\s*=/, /new PrismaClient\(/);
    data.prismaImport = shared ? { name: shared.name, default: shared.default, source: specifier(module, shared.file) } : null;
    data.ownPrisma = !shared;
    data.prisma = shared?.name ?? 'prisma';
  }
  if (backend !== 'supabase') return { data };
  const variables = supabaseVariables(project, changeset, pkg);
  const serviceRoleKey = variables.serviceRoleKey ?? 'SUPABASE_SERVICE_ROLE_KEY';
  data.supabase = { url: variables.url, serviceRoleKey };
  return { data, serviceRoleKey };
}

/** Appends a Prisma model to the package's schema unless it already maps `table`, in the schema's line endings. */
export function addPrismaModel(changeset: Changeset, pkg: PackageInfo, table: string, modelName: string, model: string): void {
  if (!pkg.prismaSchema) return;
  const schema = changeset.read(pkg.prismaSchema);
  if (schema === null || new RegExp(`@@map\\("${table}"\\)|^model ${modelName}\\b`, 'm').test(schema)) return;
  const newline = schema.includes('\r\n') ? '\r\n' : '\n';
  const body = schema.replace(/\s*$/, '');
  changeset.write(pkg.prismaSchema, `${body}${newline}${newline}${model.replace(/\n/g, newline)}${newline}`);
}

/** Writes each migration and its rollback in the project's style, unless the migration is there already. */
export async function writeMigrations(
  project: Project,
  changeset: Changeset,
  migrations: ReadonlyArray<{ path: string; content: string; rollbackPath: string; rollbackContent: string }>,
): Promise<void> {
  for (const migration of migrations) {
    if (changeset.read(migration.path) !== null) continue;
    changeset.write(migration.path, await newFileText(project, migration.path, migration.content));
    changeset.write(migration.rollbackPath, await newFileText(project, migration.rollbackPath, migration.rollbackContent));
  }
}

/**
 * Where a generated module named `name` goes for code in `files`: `lib/<name>`, under `src/lib/` where
 * the files live under `src/`, in the files' language. A project's own module of that name (often the
 * in-memory one it replaces) keeps it, and the new one goes beside it as `<name>-db`. `written` when
 * the place already holds the generated module; null when both names are the project's own.
 */
export function storeModulePlace(
  changeset: Changeset,
  pkg: PackageInfo,
  files: readonly string[],
  name: string,
  isGenerated: (text: string) => boolean,
): { module: string; written: boolean } | null {
  const inSrc = files.some((file) => file.slice(pkg.dir ? pkg.dir.length + 1 : 0).startsWith('src/'));
  const extension = files.some((file) => /\.tsx?$/.test(file)) ? 'ts' : 'js';
  const dir = path.posix.join(pkg.dir, inSrc ? 'src/lib' : 'lib');
  for (const candidate of [name, `${name}-db`].map((base) => `${dir}/${base}.${extension}`)) {
    const existing = changeset.read(candidate);
    if (existing === null) return { module: candidate, written: false };
    if (isGenerated(existing)) return { module: candidate, written: true };
  }
  return null;
}
