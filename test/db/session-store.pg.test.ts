import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlankPglite, openEmulatedPglite } from '../../src/verify/snapshot.ts';
import { SUPABASE_EMULATION } from '../../src/verify/supabase.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync, writeTree, squawk } from '../helpers.ts';
import { answerRpc, connectedDatabase, freshDatabase, importWithSupabaseStandIn, rpcOn } from './generated-stores.ts';
import { holdServerRolesLock } from './server-roles.ts';

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SHIPSHAPE_TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL and sets it');

afterAll(cleanTempDirs);

/** A fixture app with persist-session-store applied. */
async function persistedApp(name: string): Promise<string> {
  const dir = copyFixture(path.join(FIXTURES, 'persist-session-store', name, 'input'));
  gitInit(dir);
  const result = await runAsync(['transform', 'persist-session-store', '.'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return dir;
}

/** The module's statements, as it runs them. */
function statements(dir: string, file: string): { get: string; set: string; remove: string } {
  const module = readFileSync(path.join(dir, file), 'utf8');
  const constant = (name: string) => new RegExp(`const ${name} = [\`']([^\`']+)[\`']`).exec(module)![1]!;
  return { get: constant('GET'), set: constant('SET'), remove: constant('DELETE') };
}

describe('the generated session_store migration', () => {
  it('passes squawk, applies to PGlite with RLS on and no policy, and keeps, expires and deletes values', async () => {
    const dir = await persistedApp('pg');
    const migration = readdirSync(path.join(dir, 'migrations')).find((file) => file.endsWith('_session_store.sql'))!;
    const [file, rollback] = [path.join(dir, 'migrations', migration), path.join(dir, 'migrations', 'rollbacks', migration)];
    expect(squawk(dir, [file, rollback])).toEqual({ code: 0, output: expect.stringContaining('Found 0 issues') });
    const db = await openBlankPglite();
    await db.exec(readFileSync(file, 'utf8'));
    const table = await db.query<{ relrowsecurity: boolean; policies: number }>(
      "select relrowsecurity, (select count(*)::int from pg_policies where tablename = 'session_store') as policies from pg_class where relname = 'session_store'",
    );
    expect(table.rows).toEqual([{ relrowsecurity: true, policies: 0 }]);
    const { get, set, remove } = statements(dir, 'lib/session-store.ts');
    const read = async (key: string) =>
      (await db.query<{ value: string }>(get, ['sessions', key])).rows.map((row) => JSON.parse(row.value));
    await db.query(set, ['sessions', 'token-a', JSON.stringify({ userId: 1, email: 'ada@example.com' }), 600]);
    await db.query(set, ['sessions', 'token-b', JSON.stringify({ userId: 2, email: 'alan@example.com' }), 600]);
    expect(await read('token-a')).toEqual([{ userId: 1, email: 'ada@example.com' }]);
    // Setting again replaces the value and its expiry.
    await db.query(set, ['sessions', 'token-a', JSON.stringify({ userId: 1, email: 'ada@example.org' }), 600]);
    expect(await read('token-a')).toEqual([{ userId: 1, email: 'ada@example.org' }]);
    // An expired value is not returned, and the read deletes it.
    await db.query("update session_store set expires_at = now() - interval '1 second' where key = 'token-a'");
    expect(await read('token-a')).toEqual([]);
    expect((await db.query("select key from session_store where key = 'token-a'")).rows).toEqual([]);
    // A write removes other expired rows, never the one it writes.
    await db.query("update session_store set expires_at = now() - interval '1 second' where key = 'token-b'");
    await db.query(set, ['otp', 'ada', JSON.stringify({ code: '123456' }), 300]);
    expect((await db.query('select namespace, key from session_store order by key')).rows).toEqual([{ namespace: 'otp', key: 'ada' }]);
    await db.query(remove, ['otp', 'ada']);
    expect(await read('ada')).toEqual([]);
    await db.exec(readFileSync(rollback, 'utf8'));
    expect((await db.query("select to_regclass('public.session_store') as t")).rows).toEqual([{ t: null }]);
    await db.close();
  });
});

/** A fixed module or route as one ES module Node can import, its packages left as imports. */
async function bundle(dir: string, entry: string, external: string[]): Promise<string> {
  const outfile = path.join(dir, `${entry.replace(/[/.]/g, '-')}.mjs`);
  await build({
    entryPoints: [path.join(dir, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    external,
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs `script` in a separate Node process that imports `module` as `m`, and returns what it prints as JSON. */
function inChild(module: string, databaseUrl: string, script: string): Promise<unknown> {
  const source = `const m = await import(${JSON.stringify(module)});\nconst out = await (async () => { ${script} })();\nconsole.log(JSON.stringify(out ?? null));\nprocess.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
      cwd: path.dirname(module),
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(stderr))));
  });
}

/** A Pages Router handler called as Next.js would, in the child: the status and body it answers. */
const CALL_HANDLER = `
  const call = async (method, headers, body) => {
    let status = 200;
    let payload = null;
    const res = { status(code) { status = code; return res; }, json(value) { payload = value; return res; }, end() { return res; } };
    await m.default({ method, headers, body }, res);
    return { status, body: payload };
  };`;

describe.skipIf(!url)('persist-session-store against a real PostgreSQL shared by two processes', () => {
  let admin: pg.Client;
  let databaseUrl: string;
  let dir: string;
  let store: string;
  let route: string;
  const database = `shipshape_session_store_${process.pid}`;

  beforeAll(async () => {
    ({ admin, databaseUrl } = await freshDatabase(url!, database));
    dir = await persistedApp('pg');
    const migration = readdirSync(path.join(dir, 'migrations')).find((file) => file.endsWith('_session_store.sql'))!;
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(readFileSync(path.join(dir, 'migrations/20240101000000_init.sql'), 'utf8'));
    await db.query(readFileSync(path.join(dir, 'migrations', migration), 'utf8'));
    await db.query("insert into users (email, password_hash) values ('ada@example.com', 'x')");
    await db.end();
    // pg from the repository; bcryptjs as a stub that accepts any password.
    mkdirSync(path.join(dir, 'node_modules/bcryptjs'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules/pg'), path.join(dir, 'node_modules/pg'));
    writeFileSync(path.join(dir, 'node_modules/bcryptjs/package.json'), '{"name":"bcryptjs","main":"index.js"}');
    writeFileSync(path.join(dir, 'node_modules/bcryptjs/index.js'), 'exports.compare = async () => true; exports.default = exports;');
    store = await bundle(dir, 'lib/session-store.ts', ['pg']);
    route = await bundle(dir, 'pages/api/login.ts', ['pg', 'bcryptjs']);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"pg-session-app","type":"module"}\n');
  });

  afterAll(async () => {
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  it('reads in one process the session another signed in, and signs it out for both', async () => {
    const signIn = (await inChild(
      route,
      databaseUrl,
      `${CALL_HANDLER} return call('POST', {}, { email: 'ada@example.com', password: 'secret' });`,
    )) as { status: number; body: { token: string } };
    expect(signIn.status).toBe(200);
    const bearer = { authorization: `Bearer ${signIn.body.token}` };
    const whoAmI = `${CALL_HANDLER} return call('GET', ${JSON.stringify(bearer)});`;
    expect(await inChild(route, databaseUrl, whoAmI)).toEqual({ status: 200, body: { email: 'ada@example.com' } });
    expect(await inChild(route, databaseUrl, `${CALL_HANDLER} return call('DELETE', ${JSON.stringify(bearer)});`)).toMatchObject({
      status: 204,
    });
    expect(await inChild(route, databaseUrl, whoAmI)).toEqual({ status: 401, body: { error: 'Not signed in' } });
  });

  it('shares a code set by one process with another, expires it, and deletes it', async () => {
    await inChild(store, databaseUrl, `await m.sessionStore.set('otpStore', 'ada@example.com', { code: '123456', attempts: 0 }, 600);`);
    expect(await inChild(store, databaseUrl, `return m.sessionStore.get('otpStore', 'ada@example.com');`)).toEqual({
      code: '123456',
      attempts: 0,
    });
    await inChild(store, databaseUrl, `await m.sessionStore.set('otpStore', 'alan@example.com', { code: '654321' }, 1);`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await inChild(store, databaseUrl, `return m.sessionStore.get('otpStore', 'alan@example.com');`)).toBeNull();
    await inChild(store, databaseUrl, `await m.sessionStore.delete('otpStore', 'ada@example.com');`);
    expect(await inChild(store, databaseUrl, `return m.sessionStore.get('otpStore', 'ada@example.com');`)).toBeNull();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    expect((await db.query("select key from session_store where namespace = 'otpStore'")).rows).toEqual([]);
    await db.end();
  });

  it("keeps a postgres.js app's codes in the same table, shared by two processes", async () => {
    const app = writeTree({
      'package.json': '{ "name": "postgres-js-app", "dependencies": { "next": "15.0.0", "postgres": "3.4.4" } }',
      'lib/db.ts': "import postgres from 'postgres';\n\nexport const sql = postgres(process.env.DATABASE_URL!);\n",
      'lib/codes.ts': [
        'const otpCodes = new Map<string, { code: string; expiresAt: number }>();',
        '',
        'export async function issue(email: string): Promise<string> {',
        '  const code = String(Math.floor(100000 + Math.random() * 900000));',
        '  otpCodes.set(email, { code, expiresAt: Date.now() + 60 * 1000 });',
        '  return code;',
        '}',
        '',
        'export async function redeem(email: string, code: string): Promise<boolean> {',
        '  const entry = otpCodes.get(email);',
        '  if (!entry || entry.code !== code) return false;',
        '  otpCodes.delete(email);',
        '  return true;',
        '}',
        '',
      ].join('\n'),
    });
    gitInit(app);
    const result = await runAsync(['transform', 'persist-session-store', '.'], { cwd: app });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(app, 'lib/codes.ts'), 'utf8')).toContain(
      "await sessionStore.set('otpCodes', email, { code, expiresAt: Date.now() + 60 * 1000 }, 60);",
    );
    mkdirSync(path.join(app, 'node_modules'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules/postgres'), path.join(app, 'node_modules/postgres'));
    writeFileSync(path.join(app, 'package.json'), '{"name":"postgres-js-app","type":"module"}\n');
    const codes = await bundle(app, 'lib/codes.ts', ['postgres']);
    const code = (await inChild(codes, databaseUrl, `return m.issue('grace@example.com');`)) as string;
    expect(await inChild(codes, databaseUrl, `return m.redeem('grace@example.com', '000000');`)).toBe(false);
    expect(await inChild(codes, databaseUrl, `return m.redeem('grace@example.com', ${JSON.stringify(code)});`)).toBe(true);
    // Redeemed once: the code is gone for every process.
    expect(await inChild(codes, databaseUrl, `return m.redeem('grace@example.com', ${JSON.stringify(code)});`)).toBe(false);
    const late = (await inChild(codes, databaseUrl, `return m.issue('hedy@example.com');`)) as string;
    // A minute later, as the database's clock has it.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      "update session_store set expires_at = now() - interval '1 second' where namespace = 'otpCodes' and key = 'hedy@example.com'",
    );
    await db.end();
    expect(await inChild(codes, databaseUrl, `return m.redeem('hedy@example.com', ${JSON.stringify(late)});`)).toBe(false);
  });
});

interface SessionStore {
  get: (namespace: string, key: string) => Promise<unknown>;
  set: (namespace: string, key: string, value: unknown, ttlSeconds: number) => Promise<void>;
  delete: (namespace: string, key: string) => Promise<void>;
}

/** The generated module, importable, with a stand-in for supabase-js whose `rpc()` calls the functions as PostgREST would. */
async function importStore(dir: string): Promise<{ sessionStore: SessionStore }> {
  return importWithSupabaseStandIn(path.join(dir, 'lib/session-store.js'), path.join(dir, 'session-store.mjs'));
}

describe('persist-session-store in a supabase-js app', () => {
  it('writes migrations that pass squawk and apply to PGlite, and functions only service_role may call', async () => {
    const dir = await persistedApp('supabase');
    const files = readdirSync(path.join(dir, 'supabase/migrations')).sort();
    const ours = files.filter((file) => file.includes('_session_store'));
    const rollbacks = ours.map((file) => path.join(dir, 'supabase/rollbacks', file)).reverse();
    expect(squawk(dir, [...ours.map((file) => path.join(dir, 'supabase/migrations', file)), ...rollbacks])).toEqual({
      code: 0,
      output: expect.stringContaining('Found 0 issues'),
    });
    const db = await openEmulatedPglite();
    for (const file of files) await db.exec(readFileSync(path.join(dir, 'supabase/migrations', file), 'utf8'));
    answerRpc(rpcOn(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows));
    const { sessionStore } = await importStore(dir);
    await sessionStore.set('resetTokens', 'abc', { email: 'ada@example.com', expires: 1 }, 1800);
    expect(await sessionStore.get('resetTokens', 'abc')).toEqual({ email: 'ada@example.com', expires: 1 });
    await db.exec("update public.session_store set expires_at = now() - interval '1 second'");
    expect(await sessionStore.get('resetTokens', 'abc')).toBeNull();
    expect((await db.query('select key from public.session_store')).rows).toEqual([]);
    await sessionStore.set('resetTokens', 'def', { email: 'alan@example.com' }, 1800);
    await sessionStore.delete('resetTokens', 'def');
    expect(await sessionStore.get('resetTokens', 'def')).toBeNull();
    for (const role of ['anon', 'authenticated']) {
      await db.exec(`set role ${role}`);
      await expect(db.query("select public.session_store_get('resetTokens', 'abc')")).rejects.toThrow(/permission denied/);
      await expect(db.query("select public.session_store_set('resetTokens', 'abc', '{}'::jsonb, 60)")).rejects.toThrow(/permission denied/);
      // Supabase grants every API role all on new tables; row level security with no policy shows them nothing.
      expect((await db.query('select * from public.session_store')).rows).toEqual([]);
      await db.exec('reset role');
    }
    for (const file of rollbacks) await db.exec(readFileSync(file, 'utf8'));
    expect(
      (await db.query("select to_regclass('public.session_store') as t, to_regprocedure('public.session_store_get(text, text)') as f"))
        .rows,
    ).toEqual([{ t: null, f: null }]);
    await db.close();
  });

  describe.skipIf(!url)('against a real PostgreSQL', () => {
    const database = `shipshape_session_store_rpc_${process.pid}`;
    let db: pg.Client;
    let drop: (() => Promise<void>) | undefined;
    holdServerRolesLock(url!);

    beforeAll(async () => {
      ({ db, drop } = await connectedDatabase(url!, database));
    });

    afterAll(async () => {
      await drop?.();
    });

    it('keeps, expires and deletes values through the functions, which run as their owner with an empty search_path', async () => {
      const dir = await persistedApp('supabase');
      await db.query(SUPABASE_EMULATION);
      for (const file of readdirSync(path.join(dir, 'supabase/migrations')).sort())
        await db.query(readFileSync(path.join(dir, 'supabase/migrations', file), 'utf8'));
      answerRpc(rpcOn(async (sql, params) => (await db.query(sql, params)).rows));
      const { sessionStore } = await importStore(dir);
      await sessionStore.set('resetTokens', 'abc', { email: 'ada@example.com', expires: 1 }, 1800);
      expect(await sessionStore.get('resetTokens', 'abc')).toEqual({ email: 'ada@example.com', expires: 1 });
      await db.query("update public.session_store set expires_at = now() - interval '1 second'");
      expect(await sessionStore.get('resetTokens', 'abc')).toBeNull();
      await sessionStore.set('resetTokens', 'def', { email: 'alan@example.com' }, 1800);
      await sessionStore.delete('resetTokens', 'def');
      expect((await db.query('select key from public.session_store')).rows).toEqual([]);
      const definers = await db.query(
        "select proname, prosecdef, proconfig from pg_proc where proname like 'session_store_%' order by proname",
      );
      expect(definers.rows).toEqual(
        ['session_store_delete', 'session_store_get', 'session_store_set'].map((proname) => ({
          proname,
          prosecdef: true,
          proconfig: ['search_path=""'],
        })),
      );
      for (const role of ['anon', 'authenticated']) {
        await db.query(`set role ${role}`);
        await expect(db.query("select public.session_store_get('resetTokens', 'abc')")).rejects.toThrow(/permission denied/);
        await db.query('reset role');
      }
    });
  });
});
