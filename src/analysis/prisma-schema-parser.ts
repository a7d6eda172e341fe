import { existsSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import path from 'node:path';

type PrismaAst = typeof import('@mrleebo/prisma-ast');

let loaded: PrismaAst | null = null;

/**
 * chevrotain's package entry imports lodash-es file by file, about 700 modules that take longer to
 * load than the rest of a small app's scan; the package also ships the same API as one bundled file.
 * Putting the bundle in the CommonJS cache under the entry's path (Node documents adding entries to
 * `require.cache`) makes prisma-ast's own `require('chevrotain')` get it.
 */
function preferBundledChevrotain(require: NodeJS.Require, prismaAstEntry: string): void {
  try {
    const entry = createRequire(prismaAstEntry).resolve('chevrotain');
    if (require.cache[entry]) return;
    const bundle = path.join(path.dirname(entry), '..', 'chevrotain.mjs');
    if (!existsSync(bundle)) return;
    const exports = require(bundle) as Record<string, unknown>;
    if (typeof exports.CstParser !== 'function' || typeof exports.createToken !== 'function') return;
    const cached = new Module(entry);
    cached.filename = entry;
    cached.loaded = true;
    cached.exports = exports;
    require.cache[entry] = cached;
  } catch {
    // Any surprise in chevrotain's layout leaves prisma-ast to load it the ordinary way.
  }
}

/**
 * The Prisma schema parser, loaded on first use and once: a scan of a project without
 * `schema.prisma` never pays for it.
 */
export function prismaAst(): PrismaAst {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  preferBundledChevrotain(require, require.resolve('@mrleebo/prisma-ast'));
  loaded = require('@mrleebo/prisma-ast') as PrismaAst;
  return loaded;
}
