import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

/** .ci/run starts the machine's PostgreSQL 15 and points this at it; CI without it is a failure, not a skip. */
const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

const HANDLER = `
export async function findUser(pool, name) {
  const result = await pool.query(\`SELECT name, role FROM shipshape_users WHERE name = '\${name}' ORDER BY name\`);
  return result.rows;
}

export async function notesSince(pool, owner, since) {
  const { rows } = await pool.query('SELECT body FROM shipshape_notes WHERE owner = ' + owner + " AND created_at >= '" + since + "' ORDER BY body");
  return rows;
}

export function findUserByCallback(pool, name) {
  return new Promise((resolve, reject) => {
    pool.query(\`SELECT name, role FROM shipshape_users WHERE name = '\${name}' ORDER BY name\`, (err, result) => (err ? reject(err) : resolve(result.rows)));
  });
}
`;

describe.skipIf(!url)('parameterize-raw-sql against a real PostgreSQL', () => {
  let pool: pg.Pool;
  let before: Record<string, (...args: unknown[]) => Promise<unknown[]>>;
  let after: Record<string, (...args: unknown[]) => Promise<unknown[]>>;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 2 });
    await pool.query('DROP TABLE IF EXISTS shipshape_users, shipshape_notes');
    await pool.query('CREATE TABLE shipshape_users (name text PRIMARY KEY, role text NOT NULL)');
    await pool.query("INSERT INTO shipshape_users VALUES ('ada', 'admin'), ('bob', 'member'), ('cy', 'member')");
    await pool.query('CREATE TABLE shipshape_notes (owner int NOT NULL, body text NOT NULL, created_at date NOT NULL)');
    await pool.query(
      "INSERT INTO shipshape_notes VALUES (1, 'first', '2026-01-01'), (1, 'second', '2026-03-01'), (2, 'other', '2026-03-01')",
    );

    const dir = gitInit(
      writeTree({ 'package.json': '{"name":"h","dependencies":{"pg":"8"}}\n', 'before.mjs': HANDLER, 'after.mjs': HANDLER }),
    );
    const result = await runAsync(['transform', 'parameterize-raw-sql', 'after.mjs', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).changed).toEqual([{ file: 'after.mjs' }]);
    expect(readFileSync(path.join(dir, 'after.mjs'), 'utf8')).not.toContain('TODO(shipshape)');
    before = await import(pathToFileURL(path.join(dir, 'before.mjs')).href);
    after = await import(pathToFileURL(path.join(dir, 'after.mjs')).href);
  });

  afterAll(async () => {
    await pool?.query('DROP TABLE IF EXISTS shipshape_users, shipshape_notes');
    await pool?.end();
    cleanTempDirs();
  });

  it('gives the same results for ordinary input', async () => {
    expect(await after.findUser!(pool, 'bob')).toEqual(await before.findUser!(pool, 'bob'));
    expect(await after.findUser!(pool, 'bob')).toEqual([{ name: 'bob', role: 'member' }]);
    expect(await after.notesSince!(pool, 1, '2026-02-01')).toEqual(await before.notesSince!(pool, 1, '2026-02-01'));
    expect(await after.notesSince!(pool, 1, '2026-02-01')).toEqual([{ body: 'second' }]);
    expect(await after.findUserByCallback!(pool, 'ada')).toEqual(await before.findUserByCallback!(pool, 'ada'));
    expect(await after.findUserByCallback!(pool, 'ada')).toEqual([{ name: 'ada', role: 'admin' }]);
  });

  it('returns every row for an injection payload before, and none after', async () => {
    const payload = "' OR '1'='1";
    expect(await before.findUser!(pool, payload)).toHaveLength(3);
    expect(await after.findUser!(pool, payload)).toEqual([]);
    expect(await before.findUserByCallback!(pool, payload)).toHaveLength(3);
    expect(await after.findUserByCallback!(pool, payload)).toEqual([]);
    expect(await before.notesSince!(pool, '1 OR 1=1', '2000-01-01')).toHaveLength(3);
    await expect(after.notesSince!(pool, '1 OR 1=1', '2000-01-01')).rejects.toThrow(/invalid input syntax for type integer/);
  });
});
