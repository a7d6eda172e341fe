import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { pgliteDatabase } from '../../src/verify/database.ts';
import { verifyDatabase } from '../../src/verify/run.ts';
import { openBlankPglite, openEmulatedPglite } from '../../src/verify/snapshot.ts';
import { FIXTURES, cleanTempDirs, copyFixture, tempDir } from '../helpers.ts';
import { migrationsOf, statuses } from './suite.ts';

afterAll(() => cleanTempDirs());

it('detects a damaged snapshot, deletes it, makes it again, and verify still gives the right verdicts', async () => {
  await loadSqlParser();
  const file = path.join(tempDir(), 'verify-pglite.bin');
  // A wrong digest before the start of a gzip stream cut short: PGlite alone would crash the process on it.
  writeFileSync(file, Buffer.concat([Buffer.alloc(32), Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('cut short')]));

  const remade = await openEmulatedPglite(file);
  const { rows } = await remade.query<{ uid: string | null }>(`select auth.uid() as uid`);
  expect(rows).toEqual([{ uid: null }]);
  await remade.close();
  const snapshot = readFileSync(file);
  expect(snapshot.subarray(32, 34)).toEqual(Buffer.from([0x1f, 0x8b]));
  const made = statSync(file);

  const loaded = pgliteDatabase(await openEmulatedPglite(file));
  expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
  try {
    const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    const result = await verifyDatabase(loaded, migrationsOf(root), { emulated: true });
    expect(statuses(result)).toEqual({
      comments: 'FAIL FAIL FAIL FAIL FAIL',
      customers: 'PASS PASS PASS PASS PASS',
      profiles: 'PASS PASS PASS PASS PASS',
      projects: 'FAIL FAIL FAIL FAIL FAIL',
      tasks: 'FAIL FAIL FAIL FAIL PASS',
    });
  } finally {
    await loaded.close();
  }
}, 300_000);

it('keeps a blank PGlite in a snapshot of its own, without the Supabase emulation, made once and then loaded', async () => {
  const file = path.join(tempDir(), 'blank-pglite.bin');
  const made = await openBlankPglite(file);
  expect((await made.query(`select to_regnamespace('auth') as auth`)).rows).toEqual([{ auth: null }]);
  await made.exec('create table notes (id int primary key)');
  await made.close();
  const madeAt = statSync(file).mtimeMs;

  const loaded = await openBlankPglite(file);
  expect(statSync(file).mtimeMs).toBe(madeAt);
  expect((await loaded.query(`select to_regclass('notes') as notes`)).rows).toEqual([{ notes: null }]);
  await loaded.close();
}, 120_000);
