import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

function squawk(cwd: string, files: readonly string[]): { code: number; output: string } {
  const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'squawk'), [...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

const LIMIT = 10;

/** The fixture app with add-rate-limit applied, a window of a day so no test run straddles two. */
async function limitedApp(): Promise<{ dir: string; migration: string; rollback: string }> {
  const dir = copyFixture(path.join(FIXTURES, 'add-rate-limit', 'pg', 'input'));
  gitInit(dir);
  const result = await runAsync(['transform', 'add-rate-limit', '.', '--option', `limit=${LIMIT}`, '--option', 'windowSeconds=86400'], {
    cwd: dir,
  });
  expect(result.code, result.stderr).toBe(0);
  const migration = readdirSync(path.join(dir, 'migrations')).find((file) => file.endsWith('_rate_limits.sql'))!;
  return { dir, migration: path.join(dir, 'migrations', migration), rollback: path.join(dir, 'migrations', 'rollbacks', migration) };
}

/** A fixed route handler as one ES module Node can import: the app's `@/` alias resolved, its packages left as imports. */
async function bundleRoute(dir: string, route: string): Promise<string> {
  const outfile = path.join(dir, `${route.replaceAll('/', '-')}.mjs`);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }));
  await build({
    entryPoints: [path.join(dir, 'app', route, 'route.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    external: ['pg', 'bcryptjs'],
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * A separate Node process with its own pool that posts `count` requests to a route and prints the
 * statuses; by default logins of an unknown user from one address.
 */
function postsInChild(
  route: string,
  databaseUrl: string,
  count: number,
  headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
): Promise<Array<{ status: number; retryAfter: string | null }>> {
  const script = `
    const { POST } = await import(${JSON.stringify(route)});
    const results = [];
    for (let i = 0; i < ${count}; i++) {
      const request = new Request('http://localhost/api', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...${JSON.stringify(headers)} },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'guess' + i, current: 'guess' + i }),
      });
      const response = await POST(request);
      results.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
    }
    console.log(JSON.stringify(results));
    process.exit(0);
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.dirname(route),
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(stderr))));
  });
}

describe('the generated rate_limits migration', () => {
  it('passes squawk, applies to PGlite with RLS on and no policy, and counts one request per statement', async () => {
    const { migration, rollback, dir } = await limitedApp();
    expect(squawk(dir, [migration, rollback])).toEqual({ code: 0, output: expect.stringContaining('Found 0 issues') });
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    await db.exec(readFileSync(migration, 'utf8'));
    const table = await db.query<{ relrowsecurity: boolean; policies: number }>(
      "select relrowsecurity, (select count(*)::int from pg_policies where tablename = 'rate_limits') as policies from pg_class where relname = 'rate_limits'",
    );
    expect(table.rows).toEqual([{ relrowsecurity: true, policies: 0 }]);
    const module = readFileSync(path.join(dir, 'lib/rate-limit.ts'), 'utf8');
    const hit = /const HIT = `([^`]+)`/.exec(module)![1]!;
    const hits: number[] = [];
    for (let i = 0; i < 3; i++) hits.push((await db.query<{ hits: number }>(hit, ['/api/auth/login:ip:203.0.113.7', 86400])).rows[0]!.hits);
    expect(hits).toEqual([1, 2, 3]);
    const other = await db.query<{ hits: number; retry_after: number }>(hit, ['/api/auth/login:ip:198.51.100.2', 86400]);
    expect(other.rows[0]!.hits).toBe(1);
    expect(other.rows[0]!.retry_after).toBeGreaterThan(0);
    await db.exec(readFileSync(rollback, 'utf8'));
    expect((await db.query("select to_regclass('public.rate_limits') as t")).rows).toEqual([{ t: null }]);
    await db.close();
  });
});

describe.skipIf(!url)('add-rate-limit against a real PostgreSQL shared by two processes', () => {
  let admin: pg.Client;
  let databaseUrl: string;
  let route: string;
  let passwordRoute: string;
  const database = `shipshape_rate_limit_${process.pid}`;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    const target = new URL(url!);
    target.pathname = `/${database}`;
    databaseUrl = target.toString();
    const { dir, migration } = await limitedApp();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(readFileSync(path.join(dir, 'migrations/20240101000000_init.sql'), 'utf8'));
    await db.query(readFileSync(migration, 'utf8'));
    await db.end();
    // pg from the repository; bcryptjs, which an unknown user's login never reaches, as a stub.
    mkdirSync(path.join(dir, 'node_modules/bcryptjs'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules/pg'), path.join(dir, 'node_modules/pg'));
    writeFileSync(path.join(dir, 'node_modules/bcryptjs/package.json'), '{"name":"bcryptjs","main":"index.js"}');
    writeFileSync(path.join(dir, 'node_modules/bcryptjs/index.js'), 'exports.compare = async () => false;');
    route = await bundleRoute(dir, 'api/auth/login');
    passwordRoute = await bundleRoute(dir, 'api/account/password');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"pg-app","type":"module"}\n');
  });

  afterAll(async () => {
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
    cleanTempDirs();
  });

  it(`lets ${LIMIT} logins through across both processes and answers 429 with Retry-After to the next`, async () => {
    const first = await postsInChild(route, databaseUrl, 6);
    const second = await postsInChild(route, databaseUrl, 6);
    // The unknown user gets 401 while the limit holds: the handler ran, and nothing else changed.
    expect(first.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(second.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    const retryAfter = Number(second[4]!.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86400);
  });

  it('counts atomically when two processes hit the same key at once', async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('delete from rate_limits');
    const [a, b] = await Promise.all([postsInChild(route, databaseUrl, 10), postsInChild(route, databaseUrl, 10)]);
    const statuses = [...a, ...b].map((r) => r.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - LIMIT);
    expect((await db.query('select key, hits::int from rate_limits')).rows).toEqual([{ key: '/api/auth/login:ip:203.0.113.7', hits: 20 }]);
    await db.end();
  });

  it('keys a signed-in route by the user: two users behind one address each get their own budget', async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query("insert into users (id, email, password_hash) values (1, 'ada@example.com', 'x'), (2, 'alan@example.com', 'x')");
    await db.query("insert into sessions (token, user_id) values ('token-ada', 1), ('token-alan', 2)");
    await db.end();
    const sameAddress = { 'x-forwarded-for': '198.51.100.9' };
    const ada = await postsInChild(passwordRoute, databaseUrl, LIMIT + 1, { ...sameAddress, authorization: 'Bearer token-ada' });
    const alan = await postsInChild(passwordRoute, databaseUrl, 2, { ...sameAddress, authorization: 'Bearer token-alan' });
    // A wrong current password is 403 while the limit holds.
    expect(ada.map((r) => r.status)).toEqual([...Array(LIMIT).fill(403), 429]);
    expect(alan.map((r) => r.status)).toEqual([403, 403]);
    // No session: the handler's own 401 comes before the limit, which counts signed-in users only.
    expect((await postsInChild(passwordRoute, databaseUrl, 1, sameAddress)).map((r) => r.status)).toEqual([401]);
  });
});
