import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { parseJson } from './config.ts';
import { overlaidText, toPosix } from './files.ts';
import { readTsconfig } from './tsconfig.ts';
import type { PackageInfo, PackageManager, PathAliases } from './types.ts';

export { byPackage, packageFor } from './package-for.ts';

const LOCKFILES: Array<[string, PackageManager]> = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

const DATABASE_PACKAGES: Record<string, string> = {
  prisma: 'prisma',
  '@prisma/client': 'prisma',
  '@supabase/supabase-js': 'supabase-js',
  '@supabase/ssr': 'supabase-js',
  pg: 'pg',
  postgres: 'postgres.js',
  mysql2: 'mysql2',
  'drizzle-orm': 'drizzle',
  mongoose: 'mongoose',
};

const ROUTER_DIRS = ['pages', 'src/pages', 'app', 'src/app'];

type Manifest = Record<string, unknown>;

function dependencyMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function readManifest(root: string, dir: string): Manifest {
  const rel = dir ? `${dir}/package.json` : 'package.json';
  let text: string;
  try {
    text = overlaidText(path.join(root, rel)) ?? readFileSync(path.join(root, rel), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${rel}: ${(error as NodeJS.ErrnoException).code}`, 'check its permissions');
  }
  const manifest = parseJson(text, rel);
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new UsageError(`${rel} must hold a JSON object`, `fix ${rel}`);
  }
  return manifest as Manifest;
}

function joinRel(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}

/** The version of a package Node would load from absDir, looking no higher than `top` when given. */
export function installedVersion(absDir: string, name: string, top?: string): string | null {
  for (let dir = absDir; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        const version = (parseJson(readFileSync(manifest, 'utf8'), manifest) as Manifest).version;
        return typeof version === 'string' ? version : null;
      } catch {
        return null;
      }
    }
    if (dir === top || path.dirname(dir) === dir) return null;
  }
}

function pathAliases(absDir: string): PathAliases {
  const found = readTsconfig(absDir);
  if (!found) return { patterns: [], baseUrlEntries: [] };
  const options = found.config.compilerOptions ?? {};
  const patterns = Object.keys(options.paths ?? {});
  let baseUrlEntries: string[] = [];
  if (options.baseUrl) {
    const baseDir = path.resolve(path.dirname(found.path), options.baseUrl);
    try {
      baseUrlEntries = readdirSync(baseDir)
        .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
        .map((name) => name.replace(/\.(tsx?|jsx?|mjs|cjs|json)$/, ''));
    } catch {
      baseUrlEntries = [];
    }
  }
  return { patterns, baseUrlEntries: [...new Set(baseUrlEntries)].sort() };
}

/** A workspace root declares its members; only its lockfile governs the packages below it. */
function declaresWorkspaces(absDir: string, manifest?: Manifest): boolean {
  if (existsSync(path.join(absDir, 'pnpm-workspace.yaml'))) return true;
  if (manifest) return manifest.workspaces !== undefined;
  try {
    return (parseJson(readFileSync(path.join(absDir, 'package.json'), 'utf8'), 'package.json') as Manifest).workspaces !== undefined;
  } catch {
    return false;
  }
}

function findLockfile(
  root: string,
  dirs: string[],
  gitTopLevel: string | null,
): { lockfile: string | null; outside: boolean; manager: PackageManager | null } {
  for (const dir of dirs) {
    for (const [name, manager] of LOCKFILES) {
      if (existsSync(path.join(root, dir, name))) return { lockfile: joinRel(dir, name), outside: false, manager };
    }
  }
  // Scanning one app of a monorepo: its lockfile lives above the scanned root.
  if (gitTopLevel && path.resolve(gitTopLevel) !== path.resolve(root)) {
    for (let dir = path.dirname(root); dir.startsWith(path.resolve(gitTopLevel)); dir = path.dirname(dir)) {
      if (!declaresWorkspaces(dir)) continue;
      for (const [name, manager] of LOCKFILES) {
        if (existsSync(path.join(dir, name)))
          return { lockfile: toPosix(path.relative(root, path.join(dir, name))), outside: true, manager };
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  return { lockfile: null, outside: false, manager: null };
}

/** Every directory with a package.json is a package; the nearest one declaring workspaces is its workspace root. */
export function detectPackages(root: string, files: string[], gitTopLevel: string | null): PackageInfo[] {
  const dirs = files
    .filter((file) => file === 'package.json' || file.endsWith('/package.json'))
    .map((file) => path.posix.dirname(file))
    .map((dir) => (dir === '.' ? '' : dir));
  if (existsSync(path.join(root, 'package.json')) && !dirs.includes('')) dirs.unshift('');
  dirs.sort();
  const manifests = new Map(dirs.map((dir) => [dir, readManifest(root, dir)]));
  const isWorkspaceRoot = (dir: string) => declaresWorkspaces(path.join(root, dir), manifests.get(dir));

  return dirs.map((dir) => {
    const manifest = manifests.get(dir)!;
    const ancestors = dirs.filter((other) => other !== dir && (other === '' || dir.startsWith(`${other}/`)));
    const workspaceRoot = ancestors.filter(isWorkspaceRoot).sort((a, b) => b.length - a.length)[0] ?? null;
    const absDir = path.join(root, dir);
    const dependencies = dependencyMap(manifest.dependencies);
    const devDependencies = dependencyMap(manifest.devDependencies);
    const all = { ...dependencies, ...devDependencies };
    const lock = findLockfile(root, workspaceRoot === null ? [dir] : [dir, workspaceRoot], gitTopLevel);
    const declaredManager = typeof manifest.packageManager === 'string' ? (manifest.packageManager.split('@')[0] as PackageManager) : null;
    const hasNext = 'next' in all;
    const prismaSchema = joinRel(dir, 'prisma/schema.prisma');
    const prismaMigrations = joinRel(dir, 'prisma/migrations');
    const supabaseMigrations = joinRel(dir, 'supabase/migrations');
    const hasFileUnder = (prefix: string) => files.some((file) => file.startsWith(`${prefix}/`));
    return {
      dir,
      name: typeof manifest.name === 'string' ? manifest.name : null,
      dependencies,
      devDependencies,
      peerDependencies: dependencyMap(manifest.peerDependencies),
      optionalDependencies: dependencyMap(manifest.optionalDependencies),
      workspaceRoot,
      isWorkspaceRoot: isWorkspaceRoot(dir),
      next: hasNext ? { range: all.next ?? null, installed: installedVersion(absDir, 'next') } : null,
      prisma:
        '@prisma/client' in all || 'prisma' in all
          ? {
              range: all['@prisma/client'] ?? all.prisma ?? null,
              installed: installedVersion(absDir, '@prisma/client') ?? installedVersion(absDir, 'prisma'),
            }
          : null,
      routers: hasNext ? ROUTER_DIRS.filter((router) => hasFileUnder(joinRel(dir, router))) : [],
      packageManager: declaredManager ?? lock.manager,
      lockfile: lock.lockfile,
      lockfileOutsideRoot: lock.outside,
      databases: [...new Set(Object.keys(all).flatMap((name) => DATABASE_PACKAGES[name] ?? []))].sort(),
      prismaSchema: files.includes(prismaSchema) ? prismaSchema : null,
      prismaMigrations: hasFileUnder(prismaMigrations) ? prismaMigrations : null,
      supabaseMigrations: hasFileUnder(supabaseMigrations) ? supabaseMigrations : null,
      aliases: pathAliases(absDir),
    };
  });
}

/** The package manager's command that installs packages, or the whole project when none are named. */
export function installCommand(manager: PackageManager | null, packages: string[] = [], dev = false): string {
  const tool = manager ?? 'npm';
  if (packages.length === 0) return `${tool} install`;
  const verb = tool === 'npm' ? 'install' : 'add';
  return `${tool} ${verb}${dev ? ' -D' : ''} ${packages.join(' ')}`;
}
