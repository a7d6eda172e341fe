import { existsSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import path from 'node:path';

type PrismaAst = typeof import('@mrleebo/prisma-ast');

let loaded: PrismaAst | null = null;

/**
 * The parser options prisma-ast takes instead of searching for a configuration: locations on every
 * node, as findings point at schema.prisma lines, and no grammar self-check, which only guards
 * against mistakes in prisma-ast's own fixed grammar and costs every start about 15 ms.
 */
const PARSER_CONFIG = { parser: { nodeLocationTracking: 'full', skipValidations: true } };

/** Puts `exports` in the CommonJS cache under `entry` (Node documents adding entries to `require.cache`). */
function cacheModule(require: NodeJS.Require, entry: string, exports: unknown): void {
  const cached = new Module(entry);
  cached.filename = entry;
  cached.loaded = true;
  cached.exports = exports;
  require.cache[entry] = cached;
}

/**
 * chevrotain's package entry imports lodash-es file by file, about 700 modules that take longer to
 * load than the rest of a small app's scan; the package also ships the same API as one bundled file,
 * which prisma-ast's own `require('chevrotain')` then gets.
 */
function preferBundledChevrotain(require: NodeJS.Require, resolveFromPrismaAst: NodeJS.RequireResolve): void {
  try {
    const entry = resolveFromPrismaAst('chevrotain');
    if (require.cache[entry]) return;
    const bundle = path.join(path.dirname(entry), '..', 'chevrotain.mjs');
    if (!existsSync(bundle)) return;
    const exports = require(bundle) as Record<string, unknown>;
    if (typeof exports.CstParser !== 'function' || typeof exports.createToken !== 'function') return;
    cacheModule(require, entry, exports);
  } catch {
    // Any surprise in chevrotain's layout leaves prisma-ast to load it the ordinary way.
  }
}

/**
 * prisma-ast reads its options at import with lilconfig, which searches from the working directory
 * up for `prisma-ast.config.js` and the like and runs what it finds: scanning someone's repository
 * from inside it would run their code. While prisma-ast loads, its lilconfig is one that finds only
 * PARSER_CONFIG; the real one, if anything had loaded it, is put back after.
 */
function loadWithFixedConfig(require: NodeJS.Require, resolveFromPrismaAst: NodeJS.RequireResolve, load: () => PrismaAst): PrismaAst {
  const entry = resolveFromPrismaAst('lilconfig');
  const real = require.cache[entry];
  cacheModule(require, entry, { lilconfigSync: () => ({ search: () => ({ config: PARSER_CONFIG }) }) });
  try {
    return load();
  } finally {
    if (real) require.cache[entry] = real;
    else delete require.cache[entry];
  }
}

/**
 * The Prisma schema parser, loaded on first use and once: a scan of a project without
 * `schema.prisma` never pays for it. Its `getSchema` gives every node its `location`.
 */
export function prismaAst(): PrismaAst {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@mrleebo/prisma-ast');
  const resolveFromPrismaAst = createRequire(entry).resolve;
  preferBundledChevrotain(require, resolveFromPrismaAst);
  loaded = loadWithFixedConfig(require, resolveFromPrismaAst, () => require(entry) as PrismaAst);
  return loaded;
}
