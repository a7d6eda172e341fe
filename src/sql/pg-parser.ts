import { setFlagsFromString } from 'node:v8';
import type * as LibPgQuery from 'libpg-query';
import { requirePackage } from '../engine/require-package.cjs';

export type { ScanToken } from 'libpg-query';

let parser: typeof LibPgQuery | null = null;
let loading: Promise<void> | null = null;

/**
 * The PostgreSQL parser is WebAssembly, compiled when its package is imported: it is imported here,
 * once, by the commands that meet SQL, so a scan of an app without migrations never pays for it.
 * V8 compiles it with its baseline compiler only: optimising all of the parser's code costs a scan
 * more CPU than a scan's few hundred statements ever win back (0.45 s against 0.28 s for the load and
 * first parse). The flag is set back at once, so PGlite and modules compiled later are optimised as usual.
 */
export function loadSqlParser(): Promise<void> {
  loading ??= (async () => {
    setFlagsFromString('--liftoff-only');
    try {
      const lib = requirePackage<typeof LibPgQuery>('libpg-query');
      await lib.loadModule();
      parser = lib;
    } finally {
      setFlagsFromString('--no-liftoff-only');
    }
  })();
  return loading;
}

/**
 * The schema checks read migrations, and name tables and columns, with the parser: a project with no
 * SQL and no Prisma schema never loads it.
 */
export function needsSqlParser(project: { files: readonly string[] }): boolean {
  return project.files.some((file) => /\.(?:sql|prisma)$/i.test(file));
}

/** A use of the parser before `loadSqlParser()` finished: a defect in the caller, never a fact about the SQL. */
export class SqlParserNotLoaded extends Error {
  constructor() {
    super('the SQL parser was used before loadSqlParser() finished');
  }
}

function loadedParser(): typeof LibPgQuery {
  if (!parser) throw new SqlParserNotLoaded();
  return parser;
}

export function parseSync(sql: string): ReturnType<typeof LibPgQuery.parseSync> {
  return loadedParser().parseSync(sql);
}

export function scanSync(sql: string): ReturnType<typeof LibPgQuery.scanSync> {
  return loadedParser().scanSync(sql);
}
