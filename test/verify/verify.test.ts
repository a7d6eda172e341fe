import { afterAll, beforeAll, describe } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { openPglite, type Database } from '../../src/verify/database.ts';
import { cleanTempDirs } from '../helpers.ts';
import { verifySuite } from './suite.ts';

let db: Database;

beforeAll(async () => {
  await loadSqlParser();
  db = await openPglite({ supabase: true });
  // Starting PGlite is seconds of CPU: on a loaded machine, more than the default hook timeout.
}, 180_000);

afterAll(async () => {
  await db?.close();
  cleanTempDirs();
});

describe('verify on PGlite', () => verifySuite(() => db));
