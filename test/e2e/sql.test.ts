import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, git, gitInit, runAsync, writeTree, squawk } from '../helpers.ts';
import { KEYS, driveCli } from '../pty.ts';
import { freshDatabase } from '../db/generated-stores.ts';
import { holdServerRolesLock } from '../db/server-roles.ts';

afterAll(cleanTempDirs);

const app = () => gitInit(copyFixture(path.join(FIXTURES, 'apps', 'supabase-app')));

function commitAll(dir: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'generated');
}

describe('shipshape sql and verify on the Supabase fixture app', () => {
  it('verify fails before, sql --yes writes migrations that pass squawk, verify passes after, and a second sql writes nothing', async () => {
    const dir = app();
    const before = await runAsync(['verify', dir]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^tasks\s+owner\s+user_id\s+FAIL\s+FAIL\s+FAIL\s+FAIL\s+PASS$/m);
    expect(before.stdout).toMatch(/^FAIL: 11\/25 checks passed on 5 table\(s\) · 2 migration\(s\) applied to PGlite/m);

    const generated = await runAsync(['sql', dir, '--yes']);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    const migrations = readdirSync(path.join(dir, 'supabase', 'migrations')).sort();
    expect(migrations).toHaveLength(6);
    expect(migrations.slice(2).map((f) => f.replace(/^\d{14}_/, ''))).toEqual([
      'shipshape_rls.sql',
      'shipshape_constraints.sql',
      'shipshape_validation.sql',
      'shipshape_indexes.sql',
    ]);
    expect(readdirSync(path.join(dir, 'supabase', 'rollbacks'))).toHaveLength(4);
    for (const file of migrations.slice(2)) expect(generated.stdout).toContain(`created supabase/migrations/${file}`);

    const files = [
      ...migrations.slice(2).map((f) => `supabase/migrations/${f}`),
      ...readdirSync(path.join(dir, 'supabase', 'rollbacks')).map((f) => `supabase/rollbacks/${f}`),
    ];
    expect(squawk(dir, files)).toEqual({ code: 0, output: expect.stringContaining('Found 0 issues in 8 files') });

    commitAll(dir);
    const again = await runAsync(['sql', dir, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      'Nothing to generate: the schema already has the RLS policies, constraints and indexes shipshape would write.\n',
    );

    const after = await runAsync(['verify', dir, '--format', 'json']);
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout);
    expect(report.passed).toBe(true);
    expect(report.migrations).toHaveLength(6);
    expect(report.tables.map((t: { table: string }) => t.table)).toEqual(['comments', 'customers', 'profiles', 'projects', 'tasks']);

    const scan = JSON.parse((await runAsync(['scan', dir, '--format', 'json', '--only', 'rls,schema'])).stdout);
    expect(scan.findings).toEqual([]);
    // Two verify runs, each starting PGlite and replaying six migrations, plus sql --yes and squawk: over a
    // minute on a loaded machine.
  }, 240_000);

  it('keeps a world-readable table public only when asked: by default the owner reads, and the output says so', async () => {
    const dir = app();
    const closed = await runAsync(['sql', dir, '--dry-run']);
    expect(closed.code).toBe(0);
    expect(closed.stderr).toContain('access: profiles owner (everyone read it before) · ');
    expect(closed.stdout).toContain(
      'create policy profiles_shipshape_select on public.profiles\n  for select to authenticated\n  using ((select auth.uid()) = id);',
    );
    expect(closed.stdout).not.toContain('to anon, authenticated');

    const open = await runAsync(['sql', dir, '--dry-run', '--option', 'access.profiles=public-read']);
    expect(open.code).toBe(0);
    expect(open.stderr).toContain('access: profiles public-read · ');
    expect(open.stdout).toContain(
      'create policy profiles_shipshape_select on public.profiles\n  for select to anon, authenticated\n  using (true);',
    );

    const unknown = await runAsync(['sql', dir, '--dry-run', '--option', 'pageSize=100']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^shipshape: unknown option "pageSize" for sql\nhint: sql takes access\.profiles, access\.projects, /);
    const badValue = await runAsync(['sql', dir, '--dry-run', '--option', 'access.profiles=everyone']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toBe(
      'shipshape: option access.profiles must be one of "owner", "public-read", "server-only", "skip", got "everyone"\nhint: for example --option access.profiles=owner\n',
    );

    const applied = await runAsync(['sql', dir, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(
      /^access: profiles owner \(everyone read it before\) · projects owner · tasks owner · comments owner · customers owner$/m,
    );
    expect(applied.stdout).toContain(
      'by hand  profiles: its policy "Profiles are viewable by everyone" let everyone read every row; the new policies let only the owner read. To keep it public: shipshape sql --option access.profiles=public-read',
    );
  });

  it('needs --yes or --dry-run without a terminal, refuses a dirty tree, and --dry-run writes nothing', async () => {
    const dir = app();
    const noTty = await runAsync(['sql', dir]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toBe(
      'shipshape: the sql wizard needs a terminal\nhint: in scripts and CI pass --yes (inferred access modes) or --dry-run\n',
    );

    writeFileSync(path.join(dir, 'notes.txt'), 'uncommitted\n');
    const dirty = await runAsync(['sql', dir, '--yes']);
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toMatch(/uncommitted changes: notes\.txt\nhint: commit or stash them first, or pass --allow-dirty/);

    const dry = await runAsync(['sql', dir, '--dry-run', '--only', 'indexes', '--name', 'speed_up']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^-- supabase\/migrations\/\d{14}_speed_up_indexes\.sql\n/);
    expect(dry.stdout).toContain('create index concurrently if not exists tasks_project_id_idx on public.tasks (project_id);');
    expect(dry.stdout).not.toContain('create policy');
    expect(readdirSync(path.join(dir, 'supabase', 'migrations'))).toHaveLength(2);

    const layout = await runAsync(['sql', dir, '--dry-run', '--layout', 'plain', '--out', 'db/changes', '--only', 'constraints']);
    expect(layout.stdout).toMatch(/^-- db\/changes\/\d{14}_shipshape_constraints\.sql$/m);
    expect(layout.stdout).toMatch(/^-- db\/changes\/rollbacks\/\d{14}_shipshape_validation\.sql$/m);

    expect((await runAsync(['sql', dir, '--dry-run', '--only', 'policies'])).stderr).toBe(
      'shipshape: unknown part "policies"\nhint: use --only rls, constraints or indexes\n',
    );
    expect((await runAsync(['sql', dir, '--dry-run', '--name', 'Bad Name'])).code).toBe(2);
  });

  it('says which migration line fails, and that a folder without a schema has nothing to generate', async () => {
    const dir = app();
    writeFileSync(path.join(dir, 'supabase/migrations/20240301000000_broken.sql'), 'alter table public.tasks\n  add column x int,,;\n');
    const broken = await runAsync(['sql', dir, '--dry-run']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^shipshape: supabase\/migrations\/20240301000000_broken\.sql:2 does not parse: syntax error at or near ","/,
    );
    const verify = await runAsync(['verify', dir]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain('shipshape: a migration fails: supabase/migrations/20240301000000_broken.sql:2: does not parse');

    // COPY FROM STDIN waits for rows only psql sends: verify refuses it rather than wait for ever.
    writeFileSync(path.join(dir, 'supabase/migrations/20240301000000_broken.sql'), 'select 1;\ncopy public.tasks (title) from stdin;\n');
    const copy = await runAsync(['verify', dir]);
    expect(copy.code).toBe(2);
    expect(copy.stderr).toContain(
      'a migration fails: supabase/migrations/20240301000000_broken.sql:2: COPY … FROM STDIN takes its rows from psql',
    );

    // A statement that never ends: PGlite has no statement_timeout, so verify ends the worker that runs it.
    writeFileSync(path.join(dir, 'supabase/migrations/20240301000000_broken.sql'), 'select 1;\ndo $$ begin loop end loop; end $$;\n');
    const started = Date.now();
    const loop = await runAsync(['verify', dir, '--statement-timeout', '1']);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toContain(
      'shipshape: a migration fails: supabase/migrations/20240301000000_broken.sql:2: the embedded PGlite did not answer a statement within 1 s',
    );
    expect(loop.stderr).toContain('needs a longer --statement-timeout');
    expect(Date.now() - started).toBeLessThan(30_000);
    // A limit past what a timer holds (24.8 days) is the longest one, not an overflow that ends every statement at once.
    writeFileSync(path.join(dir, 'supabase/migrations/20240301000000_broken.sql'), 'select 1;\n');
    const patient = await runAsync(['verify', dir, '--statement-timeout', '99999999']);
    expect(patient.stderr).not.toContain('did not answer');
    expect(patient.stdout).toMatch(/checks passed on \d+ table/);
    for (const bad of ['0', '-5', 'soon', '']) {
      const refused = await runAsync(['verify', dir, '--statement-timeout', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`shipshape: --statement-timeout takes a number of seconds above 0, got "${bad}"`);
    }

    const prismaOnly = gitInit(copyFixture(path.join(FIXTURES, 'checks', 'unindexed-foreign-key', 'prisma-relation')));
    const nothing = await runAsync(['verify', prismaOnly]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^shipshape: no SQL migrations found in /);

    const serverOnly = writeTree({
      'package.json': '{"name":"x"}',
      'db/schema.sql': 'create table items (id int primary key, user_id uuid);\n',
    });
    const noRls = await runAsync(['verify', serverOnly]);
    expect(noRls.code).toBe(2);
    expect(noRls.stderr).toMatch(
      /^shipshape: nothing to verify in .*: the app does not use Supabase and no migration enables row level security\nhint: /,
    );

    const empty = gitInit(copyFixture(path.join(FIXTURES, 'checks', 'missing-lockfile', 'no-lockfile')));
    const none = await runAsync(['sql', empty, '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^shipshape: no database schema found/);
  });

  it('fix names `shipshape sql` for the database findings instead of pretending to fix them', async () => {
    const dir = app();
    const fix = await runAsync(['fix', dir, '--yes', '--only', 'rls,schema']);
    expect(fix.code).toBe(0);
    expect(fix.stderr).toMatch(/^\d+ finding\(s\) are fixed by generated files, not by `fix`: run `shipshape sql`$/m);
    expect(readFileSync(path.join(dir, 'supabase/migrations/20240101000000_init.sql'), 'utf8')).toContain('Anyone can do anything');
    expect((await runAsync(['list'])).stdout).toMatch(/^\s+rls-disabled\s+critical\s+rls\s+`shipshape sql`$/m);
  });
});

describe('the sql wizard', () => {
  it('asks per table with the inference preselected, and writes only what was chosen', async () => {
    const dir = app();
    const { code, screen } = await driveCli(['sql', dir], dir, [
      { waitFor: /profiles: owner inferred: id[\s\S]*Access to profiles/, send: KEYS.enter },
      { waitFor: /Access to projects/, send: KEYS.down + KEYS.down + KEYS.down + KEYS.enter },
      { waitFor: /Access to tasks/, send: KEYS.enter },
      {
        waitFor: /comments: owner inferred: task_id \(task_id references tasks, whose rows are owned\)[\s\S]*Access to comments/,
        send: KEYS.enter,
      },
      { waitFor: /Access to customers/, send: KEYS.down + KEYS.enter },
    ]);
    expect(code).toBe(0);
    expect(screen).toMatch(/public read: everyone reads, the owner writes/);
    const rlsFile = readdirSync(path.join(dir, 'supabase', 'migrations')).find((f) => f.endsWith('_shipshape_rls.sql'))!;
    const rls = readFileSync(path.join(dir, 'supabase', 'migrations', rlsFile), 'utf8');
    expect(rls).not.toContain('public.projects');
    expect(rls).toContain(
      'create policy customers_shipshape_select on public.customers\n  for select to anon, authenticated\n  using (true);',
    );
    expect(rls).toContain(
      'create policy tasks_shipshape_select on public.tasks\n  for select to authenticated\n  using ((select auth.uid()) = user_id);',
    );
    const constraints = readdirSync(path.join(dir, 'supabase', 'migrations')).find((f) => f.endsWith('_shipshape_constraints.sql'))!;
    expect(readFileSync(path.join(dir, 'supabase', 'migrations', constraints), 'utf8')).not.toContain('projects');
  });
});

describe('--database-url on a server that accepts and never answers', () => {
  it('sql and verify stop after the connect timeout with exit 2, naming the host and never the password', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const dir = app();
      // libpq's connect_timeout shortens shipshape's 10 s wait, as it does psql's.
      const dead = `postgres://someone:secret-pw@127.0.0.1:${port}/db?connect_timeout=2`;
      for (const args of [
        ['sql', dir, '--database-url', dead, '--dry-run'],
        ['verify', dir, '--database-url', dead],
      ]) {
        const started = Date.now();
        const result = await runAsync(args);
        expect(result.code, args[0]).toBe(2);
        expect(result.stderr).toMatch(
          new RegExp(`^shipshape: 127\\.0\\.0\\.1:${port} did not answer the connection within 2 s\nhint: `, 'm'),
        );
        expect(result.stderr).not.toContain('secret-pw');
        expect(Date.now() - started).toBeLessThan(10_000);
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 90_000);
});

const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;

/** The Supabase roles on the server, which outlive any database. */
async function serverRoles(): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ rolname: string }>(`select rolname from pg_roles where rolname !~ '^pg_' order by 1`)).rows.map(
      (r) => r.rolname,
    );
  } finally {
    await client.end();
  }
}

/** Drops the Supabase roles an earlier run left behind, where nothing else uses them, so a run has to create them. */
async function dropLeftoverRoles(): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const role of [
      'anon',
      'authenticated',
      'service_role',
      'authenticator',
      'supabase_admin',
      'supabase_auth_admin',
      'supabase_storage_admin',
      'dashboard_user',
    ]) {
      await client.query(`drop owned by ${role}`).catch(() => {});
      await client.query(`drop role if exists ${role}`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/**
 * An empty database of the describe's own on the test server, for verify's --database-url: other
 * files keep tables with rows in the server's default database, which verify rightly refuses.
 */
function scratchDatabase(purpose: string): () => string {
  const name = `shipshape_e2e_${purpose}_${process.pid}`;
  let scratch: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeAll(async () => {
    scratch = await freshDatabase(url!, name);
  });
  afterAll(async () => {
    await scratch?.admin.query(`drop database if exists ${name} with (force)`);
    await scratch?.admin.end();
  });
  return () => scratch!.databaseUrl;
}

describe.skipIf(!url)('verify --database-url and the server it is given', () => {
  holdServerRolesLock(url!);
  const scratchUrl = scratchDatabase('roles');

  it('leaves the server with the roles it had, after a pass and after a failing migration', async () => {
    await dropLeftoverRoles();
    const before = await serverRoles();
    const dir = app();
    expect((await runAsync(['sql', dir, '--yes'])).code).toBe(0);
    const passed = await runAsync(['verify', dir, '--database-url', scratchUrl()]);
    expect(passed.stdout).toContain('PASS: 25/25');
    expect(passed.code).toBe(0);
    expect(await serverRoles()).toEqual(before);

    writeFileSync(
      path.join(dir, 'supabase', 'migrations', '99999999999999_broken.sql'),
      'grant select on public.tasks to anon;\nselect bogus from nowhere;\n',
    );
    const failed = await runAsync(['verify', dir, '--database-url', scratchUrl()]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('99999999999999_broken.sql:2');
    expect(await serverRoles()).toEqual(before);

    // The server cancels a statement that outlasts --statement-timeout, and verify still cleans up.
    writeFileSync(path.join(dir, 'supabase', 'migrations', '99999999999999_broken.sql'), 'select 1;\nselect pg_sleep(30);\n');
    const started = Date.now();
    const slow = await runAsync(['verify', dir, '--database-url', scratchUrl(), '--statement-timeout', '1']);
    expect(slow.code, slow.stderr + slow.stdout).toBe(2);
    // The generated migrations set a statement_timeout of their own, so here the client gives up, at twice the limit.
    expect(slow.stderr).toMatch(/99999999999999_broken\.sql:2: 127\.0\.0\.1:\d+ did not answer a (?:statement within 1|query within 2) s/);
    expect(slow.stderr).toContain('needs a longer --statement-timeout');
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(await serverRoles()).toEqual(before);
  }, 120_000);

  it('names the privilege a role without it lacks, with exit 2 and a hint', async () => {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const role = `shipshape_e2e_plain_${process.pid}`;
    try {
      await dropLeftoverRoles();
      await admin.query(`create role ${role} login password 'plain-pw' nosuperuser nocreaterole nocreatedb`);
      const target = new URL(scratchUrl());
      target.username = role;
      target.password = 'plain-pw';
      const dir = app();
      const result = await runAsync(['verify', dir, '--database-url', target.toString()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(
          `^shipshape: the role ${role} on [^ ]+ lacks what verify needs: CREATEROLE, to create the roles anon, authenticated, `,
          'm',
        ),
      );
      expect(result.stderr).toContain('SUPERUSER, to give service_role BYPASSRLS');
      expect(result.stderr).toMatch(/\nhint: connect as a superuser/);
      expect(result.stderr).not.toContain('plain-pw');
    } finally {
      await admin.query(`drop owned by ${role}`).catch(() => {});
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });
  it('refuses, with exit 2 and a hint, a database with a table the role may not read, since it cannot tell it is empty', async () => {
    const { default: pg } = await import('pg');
    const scratch = new pg.Client({ connectionString: scratchUrl() });
    await scratch.connect();
    const role = `shipshape_e2e_reader_${process.pid}`;
    try {
      await scratch.query(`drop role if exists ${role}`);
      await scratch.query(`create role ${role} login password 'reader-pw'`);
      await scratch.query('create table public.shipshape_e2e_private (id int primary key)');
      const target = new URL(scratchUrl());
      target.username = role;
      target.password = 'reader-pw';
      const result = await runAsync(['verify', app(), '--database-url', target.toString()]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(
        'the role may not read public.shipshape_e2e_private, so verify cannot tell whether the database is an empty scratch one',
      );
      expect(result.stderr).toMatch(/\nhint: connect as a superuser/);
      expect(result.stderr).not.toContain('reader-pw');
    } finally {
      await scratch.query('drop table if exists public.shipshape_e2e_private');
      await scratch.query(`drop role if exists ${role}`);
      await scratch.end();
    }
  });
});

describe.skipIf(!url)('verify --database-url against PostgreSQL', () => {
  // verify creates Supabase's roles on the server and drops them after: another file making them at the same time would see them go.
  holdServerRolesLock(url!);
  const scratchUrl = scratchDatabase('verify');

  it('passes after sql --yes, in a database of its own that it drops, and refuses a database holding rows', async () => {
    const dir = app();
    expect((await runAsync(['sql', dir, '--yes'])).code).toBe(0);
    const result = await runAsync(['verify', dir, '--database-url', scratchUrl()]);
    expect(result.stdout).toMatch(/^PASS: 25\/25 checks passed on 5 table\(s\) · 6 migration\(s\) applied to PostgreSQL 1\d/m);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('postgres:postgres');

    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: scratchUrl() });
    await client.connect();
    try {
      const leftovers = await client.query(`select datname from pg_database where datname like 'shipshape_verify_%'`);
      expect(leftovers.rows).toEqual([]);
      await client.query('create table if not exists public.shipshape_e2e_data (id int primary key)');
      await client.query('insert into public.shipshape_e2e_data values (1) on conflict do nothing');
      const refused = await runAsync(['verify', dir, '--database-url', scratchUrl()]);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('is not an empty scratch database: public.shipshape_e2e_data holds rows');
    } finally {
      await client.query('drop table if exists public.shipshape_e2e_data');
      await client.end();
    }
  });

  it('sql --database-url reads the schema from the catalog of a live database', async () => {
    const dir = app();
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `shipshape_e2e_live_${process.pid}`;
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const live = new pg.Client({ connectionString: target.toString() });
    await live.connect();
    try {
      await live.query(`create schema auth; create table auth.users (id uuid primary key);
        create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid references auth.users (id), body text);
        alter table public.notes enable row level security;
        create policy "everyone" on public.notes for all using (true);`);
      const result = await runAsync(['sql', dir, '--database-url', target.toString(), '--dry-run']);
      expect(result.stderr).toBe('access: notes owner\n');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('drop policy if exists everyone on public.notes;');
      expect(result.stdout).toContain(
        'create policy notes_shipshape_select on public.notes\n  for select to authenticated\n  using ((select auth.uid()) = user_id);',
      );
      expect(result.stdout).toContain(
        'alter table public.notes add constraint notes_user_id_not_null check (user_id is not null) not valid;',
      );
      expect(result.stdout).toContain('create index concurrently if not exists notes_user_id_idx on public.notes (user_id);');
      expect(result.stdout).not.toContain('public.tasks');
      const unreachable = await runAsync(['sql', dir, '--database-url', 'postgres://nobody:secret-pw@127.0.0.1:1/none', '--dry-run']);
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toMatch(/^shipshape: cannot connect to postgres:\/\/127\.0\.0\.1:1\/none: /);
      expect(unreachable.stderr).not.toContain('secret-pw');
    } finally {
      await live.end();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
