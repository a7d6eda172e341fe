import { createRequire } from 'node:module';

type PrismaAst = typeof import('@mrleebo/prisma-ast');

let loaded: PrismaAst | null = null;

/**
 * The Prisma schema parser, loaded on first use: it takes ~130 ms to load (its parser generator
 * builds the grammar), which a scan of a project without `schema.prisma` should not pay.
 */
export function prismaAst(): PrismaAst {
  loaded ??= createRequire(import.meta.url)('@mrleebo/prisma-ast') as PrismaAst;
  return loaded;
}
