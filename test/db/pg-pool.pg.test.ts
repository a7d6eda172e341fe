import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

/** A prototype's handlers: a connection per request, and a transaction on its own client. */
const handlers = (settings: string) => `
import { Client } from 'pg';

export async function balances() {
  const client = new Client(${settings});
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id, balance FROM shipshape_accounts ORDER BY id');
    return rows;
  } finally {
    await client.end();
  }
}

export async function transfer(from, to, amount) {
  const client = new Client(${settings});
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE shipshape_accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE shipshape_accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
`;

/** Every form pg's `Client` takes its settings in; its `Pool` takes only an object, so each must still connect the same. */
const SHAPES = [
  { shape: 'a config object', settings: '{ connectionString: process.env.SHIPSHAPE_TEST_DATABASE_URL }' },
  { shape: 'a connection string', settings: 'process.env.SHIPSHAPE_TEST_DATABASE_URL' },
  { shape: 'a template literal', settings: '`${process.env.SHIPSHAPE_TEST_DATABASE_URL}`' },
  {
    shape: 'a fallback between two strings',
    settings: 'process.env.SHIPSHAPE_UNSET_DATABASE_URL ?? process.env.SHIPSHAPE_TEST_DATABASE_URL',
  },
  { shape: 'no settings (the PG* variables)', settings: '' },
];

describe.skipIf(!url).each(SHAPES)('pg-pool against a real PostgreSQL, settings given as $shape', ({ settings }) => {
  let admin: pg.Pool;
  let dir: string;
  const reset = async () => {
    await admin.query('DROP TABLE IF EXISTS shipshape_accounts');
    await admin.query('CREATE TABLE shipshape_accounts (id int PRIMARY KEY, balance int NOT NULL CHECK (balance >= 0))');
    await admin.query('INSERT INTO shipshape_accounts VALUES (1, 100), (2, 50)');
  };
  const connections = async () =>
    Number(
      (await admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"))
        .rows[0].count,
    );
  const saved = { ...process.env };

  beforeAll(async () => {
    const target = new URL(url!);
    Object.assign(process.env, {
      PGHOST: target.hostname,
      PGPORT: target.port || '5432',
      PGUSER: decodeURIComponent(target.username),
      PGPASSWORD: decodeURIComponent(target.password),
      PGDATABASE: target.pathname.slice(1),
    });
    admin = new pg.Pool({ connectionString: url, max: 1 });
    const source = handlers(settings);
    dir = writeTree({
      'package.json': '{"name":"bank","type":"module","dependencies":{"pg":"8"}}\n',
      '.gitignore': 'node_modules\n',
      'before/handlers.js': source,
      'after/handlers.js': source,
    });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    gitInit(dir);
    const result = await runAsync(['transform', 'pg-pool', 'after', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The fix writes an ESM module next to the handlers; Node needs the extension spelled out.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const after = path.join(dir, 'after/handlers.js');
    const rewritten = readFileSync(after, 'utf8');
    expect(rewritten).toContain("from './lib/db'");
    writeFileSync(after, rewritten.replace("from './lib/db'", "from './lib/db.js'"));
  });

  afterAll(async () => {
    await admin?.query('DROP TABLE IF EXISTS shipshape_accounts');
    await admin?.end();
    // The pool module caches its pool on globalThis outside production; the next shape must build its own.
    delete (globalThis as { pgPool?: unknown }).pgPool;
    for (const key of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    cleanTempDirs();
  });

  it('rewrote both handlers to borrow from one pool', async () => {
    const after = await runAsync(['scan', dir, '--only', 'db-connection-per-request', '--format', 'json']);
    const findings = JSON.parse(after.stdout).findings.map((f: { file: string }) => f.file);
    expect(findings).toEqual(['before/handlers.js', 'before/handlers.js']);
  });

  it('gives the same results and keeps transactions whole, with fewer connections', async () => {
    const before = await import(pathToFileURL(path.join(dir, 'before/handlers.js')).href);
    const after = await import(pathToFileURL(path.join(dir, 'after/handlers.js')).href);
    await reset();
    await before.transfer(1, 2, 30);
    await expect(before.transfer(2, 1, 500)).rejects.toThrow(/check constraint/);
    const expected = await before.balances();
    await reset();
    await after.transfer(1, 2, 30);
    await expect(after.transfer(2, 1, 500)).rejects.toThrow(/check constraint/);
    expect(await after.balances()).toEqual(expected);
    expect(expected).toEqual([
      { id: 1, balance: 70 },
      { id: 2, balance: 80 },
    ]);

    const idleBefore = await connections();
    await Promise.all(Array.from({ length: 20 }, () => after.balances()));
    // The pool keeps its (at most ten) connections open for reuse instead of opening twenty.
    expect((await connections()) - idleBefore).toBeLessThanOrEqual(10);
    const shared = await import(pathToFileURL(path.join(dir, 'after/lib/db.js')).href);
    await shared.pool.end();
  });
});
