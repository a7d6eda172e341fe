import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlankPglite, openEmulatedPglite } from '../../src/verify/snapshot.ts';
import { SUPABASE_EMULATION } from '../../src/verify/supabase.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync, squawk } from '../helpers.ts';
import { answerRpc, connectedDatabase, freshDatabase, importWithSupabaseStandIn, rpcOn } from './generated-stores.ts';
import { holdServerRolesLock } from './server-roles.ts';

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
    const db = await openBlankPglite();
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
    ({ admin, databaseUrl } = await freshDatabase(url!, database));
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

/** The supabase-js fixture app with add-rate-limit applied, a window of a day. */
async function limitedSupabaseApp(): Promise<{ dir: string; migrations: string[]; rollbacks: string[] }> {
  const dir = copyFixture(path.join(FIXTURES, 'add-rate-limit', 'supabase', 'input'));
  gitInit(dir);
  const result = await runAsync(['transform', 'add-rate-limit', '.', '--option', `limit=${LIMIT}`, '--option', 'windowSeconds=86400'], {
    cwd: dir,
  });
  expect(result.code, result.stderr).toBe(0);
  const files = readdirSync(path.join(dir, 'supabase/migrations')).sort();
  const ours = files.filter((file) => /_rate_limit/.test(file));
  return {
    dir,
    migrations: files.map((file) => path.join(dir, 'supabase/migrations', file)),
    rollbacks: ours.map((file) => path.join(dir, 'supabase/rollbacks', file)).reverse(),
  };
}

/** The generated module, importable, with a stand-in for supabase-js whose `rpc(…).single()` calls the function as PostgREST would. */
async function importLimiter(dir: string): Promise<{ rateLimit: (key: string) => Promise<{ allowed: boolean; retryAfter: number }> }> {
  return importWithSupabaseStandIn(path.join(dir, 'lib/rate-limit.ts'), path.join(dir, 'rate-limit.mjs'));
}

describe('add-rate-limit in a supabase-js app', () => {
  it('writes migrations that pass squawk, apply to PGlite, and let the limiter allow 10 and refuse the 11th', async () => {
    const { dir, migrations, rollbacks } = await limitedSupabaseApp();
    const ours = migrations.filter((file) => /_rate_limit/.test(file));
    expect(squawk(dir, [...ours, ...rollbacks])).toEqual({ code: 0, output: expect.stringContaining('Found 0 issues') });
    const db = await openEmulatedPglite();
    for (const file of migrations) await db.exec(readFileSync(file, 'utf8'));
    answerRpc(rpcOn(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows));
    const { rateLimit } = await importLimiter(dir);
    const results = [];
    for (let i = 0; i < LIMIT + 1; i++) results.push(await rateLimit('/api/generate:user:ada'));
    expect(results.map((r) => r.allowed)).toEqual([...Array(LIMIT).fill(true), false]);
    expect(results[LIMIT]!.retryAfter).toBeGreaterThan(0);
    expect((await rateLimit('/api/generate:user:alan')).allowed).toBe(true);
    for (const role of ['anon', 'authenticated']) {
      await db.exec(`set role ${role}`);
      await expect(db.query("select * from public.rate_limit_hit('k', 60)")).rejects.toThrow(/permission denied/);
      // Supabase grants every API role all on new tables; row level security with no policy shows them nothing.
      expect((await db.query('select * from public.rate_limits')).rows).toEqual([]);
      await db.exec('reset role');
    }
    for (const file of rollbacks) await db.exec(readFileSync(file, 'utf8'));
    expect(
      (await db.query("select to_regclass('public.rate_limits') as t, to_regprocedure('public.rate_limit_hit(text, integer)') as f")).rows,
    ).toEqual([{ t: null, f: null }]);
    await db.close();
  });

  describe.skipIf(!url)('against a real PostgreSQL', () => {
    const database = `shipshape_rate_limit_rpc_${process.pid}`;
    let db: pg.Client;
    let drop: (() => Promise<void>) | undefined;
    holdServerRolesLock(url!);

    beforeAll(async () => {
      ({ db, drop } = await connectedDatabase(url!, database));
    });

    afterAll(async () => {
      await drop?.();
      cleanTempDirs();
    });

    it('lets 10 calls of one key through, refuses the 11th, and refuses the API roles outright', async () => {
      const { dir, migrations } = await limitedSupabaseApp();
      await db.query(SUPABASE_EMULATION);
      for (const file of migrations) await db.query(readFileSync(file, 'utf8'));
      answerRpc(rpcOn(async (sql, params) => (await db.query(sql, params)).rows));
      const { rateLimit } = await importLimiter(dir);
      const allowed = [];
      for (let i = 0; i < LIMIT + 1; i++) allowed.push((await rateLimit('action:login:ip:203.0.113.7')).allowed);
      expect(allowed).toEqual([...Array(LIMIT).fill(true), false]);
      expect((await db.query('select key, hits::int from rate_limits')).rows).toEqual([
        { key: 'action:login:ip:203.0.113.7', hits: LIMIT + 1 },
      ]);
      const definer = await db.query("select prosecdef, proconfig from pg_proc where proname = 'rate_limit_hit'");
      expect(definer.rows).toEqual([{ prosecdef: true, proconfig: ['search_path=""'] }]);
      for (const role of ['anon', 'authenticated']) {
        await db.query(`set role ${role}`);
        await expect(db.query("select * from public.rate_limit_hit('k', 60)")).rejects.toThrow(/permission denied/);
        await db.query('reset role');
      }
    });
  });
});
