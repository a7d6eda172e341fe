import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/sql-reader.ts';
import { openPglite, type Database } from '../../src/verify/database.ts';
import { assertScratch } from '../../src/verify/server.ts';

let db: Database;

beforeAll(async () => {
  await loadSqlParser();
  db = await openPglite();
}, 180_000);

afterAll(async () => {
  await db?.close();
});

/** The database, with `before` run ahead of each query that reads a table's rows: another session acting in between. */
function racing(before: () => Promise<void>): Database {
  return {
    kind: db.kind,
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    query: async (sql, params) => {
      if (sql.startsWith('select 1 from ')) await before();
      return db.query(sql, params);
    },
  };
}

describe('the scratch database check', () => {
  it('refuses a table that holds rows, and passes one dropped between listing the tables and reading them', async () => {
    await db.exec('create table public.kept (id int); insert into public.kept values (1)');
    await expect(assertScratch(db, 'the test database')).rejects.toThrow(
      'the test database is not an empty scratch database: public.kept holds rows',
    );
    await expect(
      assertScratch(
        racing(() => db.exec('drop table if exists public.kept')),
        'the test database',
      ),
    ).resolves.toBeUndefined();
  });
});
