import { newFileText } from '../../src/engine/project-style.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';
import { RATE_LIMIT_FUNCTION, backendOf, packageLayout, rateLimitsMigrations } from '../../src/sql/rate-limits-table.ts';
import { addPrismaModel, storeClientData, storeModulePlace, writeMigrations } from '../../src/sql/store-client.ts';

/** Where the limiter module goes for these handlers, or where it already is: `written` when it is ours. */
export function limiterPlace(
  changeset: Changeset,
  pkg: PackageInfo,
  handlerFiles: readonly string[],
): { module: string; written: boolean } | null {
  return storeModulePlace(
    changeset,
    pkg,
    handlerFiles,
    'rate-limit',
    (text) => /export (async )?function rateLimit\b/.test(text) && /export function clientAddress\b/.test(text),
  );
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
  const place = limiterPlace(changeset, pkg, handlerFiles);
  if (!place || place.written) return place && { module: place.module, migrations: [] };
  const { module } = place;
  const client = storeClientData(project, changeset, pkg, module, backend);
  if (!client) return null;
  const { serviceRoleKey } = client;
  const data: Record<string, unknown> = {
    ...client.data,
    typescript,
    limit: options.limit,
    windowSeconds: options.windowSeconds,
    supabase: client.data.supabase ? { ...client.data.supabase, function: RATE_LIMIT_FUNCTION } : null,
  };
  changeset.write(module, await newFileText(project, module, renderTemplate('code/rate-limit.ts', data)));
  if (backend === 'upstash') return { module, migrations: [] };
  const migrations = rateLimitsMigrations(project, packageLayout(pkg), module, { rpcFunction: backend === 'supabase' });
  await writeMigrations(project, changeset, migrations);
  if (backend === 'prisma') addPrismaModel(changeset, pkg, 'rate_limits', 'RateLimit', prismaModel(module));
  return { module, migrations: migrations.map((migration) => migration.path), ...(serviceRoleKey ? { serviceRoleKey } : {}) };
}
