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
 * Where the data directory of a fresh PGlite with the Supabase emulation loaded is kept, named by
 * the hash of what made it: PGlite's version and the emulation's SQL. Null when PGlite is not in a
 * `node_modules` (a bundle), where there is nowhere to keep it.
 */
export function snapshotFile(): string | null {
  const install = pgliteInstall();
  if (!install) return null;
  const key = createHash('sha256').update(`pglite ${install.version}\0${SUPABASE_EMULATION}`).digest('hex').slice(0, 16);
  return path.join(install.nodeModules, '.cache', 'shipshape', `verify-pglite-${key}.bin`);
}

/**
 * PGlite's start-up parameters, with shared buffers cut from 128 MB to 16 MB: zeroing them at every
 * start cost about 1 s of CPU, and verify's scratch tables fit many times over.
 */
function startParams(PGliteClass: typeof PGlite): string[] {
  return [...PGliteClass.defaultStartParams, '-c', 'shared_buffers=16MB'];
}

async function fresh(): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ startParams: startParams(PGlite) });
  await db.exec(SUPABASE_EMULATION);
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
 * A PGlite with the Supabase emulation already loaded. Making one runs initdb and the emulation
 * (most of verify's time); the data directory that results is dumped once, gzipped after its
 * SHA-256, and later runs load it. A snapshot that does not match its digest or does not load is
 * removed and made again.
 */
export async function openEmulatedPglite(file: string | null = snapshotFile()): Promise<PGlite> {
  if (!file) return fresh();
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
      const { rows } = await db.query<{ emulated: boolean }>(`select to_regprocedure('auth.uid()') is not null as emulated`);
      if (rows[0]?.emulated) return db;
      await db.close();
    } catch {
      // Damaged: made again below.
    }
    rmSync(file, { force: true });
  }
  const db = await fresh();
  await keep(db, file);
  return db;
}
