import { afterAll, beforeAll, describe } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { openPglite, type Database } from '../../src/verify/database.ts';
import { cleanTempDirs } from '../helpers.ts';
import { verifySuite } from './suite.ts';

let db: Database;

beforeAll(async () => {
  await loadSqlParser();
  db = await openPglite();
});

afterAll(async () => {
  await db?.close();
  cleanTempDirs();
});

describe('verify on PGlite', () => verifySuite(() => db));
