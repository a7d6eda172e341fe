import { newFileText } from '../../src/engine/project-style.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';
import { backendOf, packageLayout } from '../../src/sql/rate-limits-table.ts';
import { SESSION_STORE_FUNCTIONS, SESSION_STORE_TABLE, sessionStoreMigrations } from '../../src/sql/session-store-table.ts';
import { addPrismaModel, storeClientData, storeModulePlace, writeMigrations } from '../../src/sql/store-client.ts';

/** The store the module keeps values in: Upstash Redis where the app has it, else its database. */
export function sessionBackendOf(pkg: PackageInfo): ReturnType<typeof backendOf> {
  return backendOf(pkg, '@upstash/redis');
}

/** Where the session store module goes for these files, or where it already is: `written` when it is ours. */
export function sessionStorePlace(
  changeset: Changeset,
  pkg: PackageInfo,
  storeFiles: readonly string[],
): { module: string; written: boolean } | null {
  return storeModulePlace(changeset, pkg, storeFiles, 'session-store', (text) => /export const sessionStore\b/.test(text));
}

/** The Prisma model of the table, so `prisma migrate dev` sees no drift and the client knows it. */
function prismaModel(module: string): string {
  return [
    `/// Sessions, codes and tokens with their expiry, for ${module}. Server-only: RLS is on with no policy.`,
    'model SessionStore {',
    '  namespace String',
    '  key       String',
    '  value     Json',
    '  expiresAt DateTime @map("expires_at") @db.Timestamptz(6)',
    '',
    '  @@id([namespace, key])',
    `  @@map("${SESSION_STORE_TABLE}")`,
    '}',
  ].join('\n');
}

/**
 * Writes the session-store module for a package, with its table (a migration, and the Prisma model
 * where Prisma is used), once; returns the module's path, or null when the package has no store to use.
 */
export async function writeSessionStore(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  storeFiles: readonly string[],
): Promise<{ module: string; migrations: string[]; serviceRoleKey?: string } | null> {
  const backend = sessionBackendOf(pkg);
  if (!backend) return null;
  const place = sessionStorePlace(changeset, pkg, storeFiles);
  if (!place || place.written) return place && { module: place.module, migrations: [] };
  const { module } = place;
  const client = storeClientData(project, changeset, pkg, module, backend);
  if (!client) return null;
  const data = {
    ...client.data,
    typescript: /\.ts$/.test(module),
    supabase: client.data.supabase ? { ...client.data.supabase, ...SESSION_STORE_FUNCTIONS } : null,
  };
  changeset.write(module, await newFileText(project, module, renderTemplate('code/session-store.ts', data)));
  if (backend === 'upstash') return { module, migrations: [] };
  const migrations = sessionStoreMigrations(project, packageLayout(pkg), module, { rpcFunctions: backend === 'supabase' });
  await writeMigrations(project, changeset, migrations);
  if (backend === 'prisma') addPrismaModel(changeset, pkg, SESSION_STORE_TABLE, 'SessionStore', prismaModel(module));
  const { serviceRoleKey } = client;
  return { module, migrations: migrations.map((migration) => migration.path), ...(serviceRoleKey ? { serviceRoleKey } : {}) };
}
