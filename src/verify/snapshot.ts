import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SUPABASE_EMULATION } from './supabase.ts';

const GZIP = 'application/x-gzip';
const DIGEST_BYTES = 32;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The `node_modules` that holds PGlite, and PGlite's version: where the snapshot lives, and part of its key. */
function pgliteInstall(): { nodeModules: string; version: string } | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const marker = `${path.sep}node_modules${path.sep}`;
    const nodeModules = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
    const manifest = JSON.parse(readFileSync(path.join(nodeModules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as {
      version: string;
    };
    return { nodeModules, version: manifest.version };
  } catch {
    return null;
  }
}

/**
 * What a snapshot holds: the SQL run on a fresh PGlite before it is dumped, and a query whose one
 * row's `ready` says a loaded snapshot holds it.
 */
interface Setup {
  readonly sql: string;
  readonly ready: string;
}

const SUPABASE: Setup = { sql: SUPABASE_EMULATION, ready: `select to_regprocedure('auth.uid()') is not null as ready` };
const BLANK: Setup = { sql: '', ready: `select true as ready` };

/**
 * Where the data directory of a fresh PGlite after `setup` is kept, named by the hash of what made
 * it: PGlite's version and the setup's SQL. Null when PGlite is not in a `node_modules` (a bundle),
 * where there is nowhere to keep it.
 */
function snapshotFile(setup: Setup): string | null {
  const install = pgliteInstall();
  if (!install) return null;
  const key = createHash('sha256').update(`pglite ${install.version}\0${setup.sql}`).digest('hex').slice(0, 16);
  return path.join(install.nodeModules, '.cache', 'shipshape', `verify-pglite-${key}.bin`);
}

/**
 * PGlite's start-up parameters, with shared buffers cut from 128 MB to 16 MB: zeroing them at every
 * start cost about 1 s of CPU, and verify's scratch tables fit many times over.
 */
function startParams(PGliteClass: typeof PGlite): string[] {
  return [...PGliteClass.defaultStartParams, '-c', 'shared_buffers=16MB'];
}

async function fresh(setup: Setup): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ startParams: startParams(PGlite) });
  if (setup.sql) await db.exec(setup.sql);
  return db;
}

/** Best effort: a cache that cannot be written (a read-only install) only costs the next run the time to make it again. */
async function keep(db: PGlite, file: string): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const dump = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat([sha256(dump), dump]));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

/**
 * A PGlite in the state `setup` leaves a fresh one in. Making one runs initdb and the setup (seconds
 * of CPU); the data directory that results is dumped once, gzipped after its SHA-256, and later runs
 * load it. A snapshot that does not match its digest or does not load is removed and made again.
 */
async function openSnapshot(setup: Setup, file: string | null): Promise<PGlite> {
  if (!file) return fresh(setup);
  let bytes: Buffer | null = null;
  try {
    bytes = readFileSync(file);
  } catch {
    // Not made yet.
  }
  if (bytes) {
    const { PGlite } = await import('@electric-sql/pglite');
    try {
      // PGlite reports a damaged gzip stream as an uncaught error, not a rejection: check first.
      const dump = bytes.subarray(DIGEST_BYTES);
      if (!sha256(dump).equals(bytes.subarray(0, DIGEST_BYTES))) throw new Error('damaged snapshot');
      const db = await PGlite.create({
        loadDataDir: new Blob([new Uint8Array(dump)], { type: GZIP }),
        startParams: startParams(PGlite),
      });
      const { rows } = await db.query<{ ready: boolean }>(setup.ready);
      if (rows[0]?.ready) return db;
      await db.close();
    } catch {
      // Damaged: made again below.
    }
    rmSync(file, { force: true });
  }
  const db = await fresh(setup);
  await keep(db, file);
  return db;
}

/** A PGlite with the Supabase emulation already loaded (most of verify's time when made afresh). */
export function openEmulatedPglite(file: string | null = snapshotFile(SUPABASE)): Promise<PGlite> {
  return openSnapshot(SUPABASE, file);
}

/** An empty PGlite, as `PGlite.create()` gives, without running initdb each time. */
export function openBlankPglite(file: string | null = snapshotFile(BLANK)): Promise<PGlite> {
  return openSnapshot(BLANK, file);
}
