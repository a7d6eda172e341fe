import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses } from '../../src/sql/code-facts.ts';
import { detectLayout, generate } from '../../src/sql/generate.ts';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { quoteIdentifier } from '../../src/sql/names.ts';
import { decideTables } from '../../src/sql/plan.ts';
import { MigrationError, applyMigrations } from '../../src/verify/apply.ts';
import type { Database } from '../../src/verify/database.ts';
import { verifyDatabase, type VerifyResult } from '../../src/verify/run.ts';
import { FIXTURES, copyFixture, writeTree } from '../helpers.ts';

/** Empties the database between cases, so one instance serves a whole test file. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.exec(
    `drop schema if exists public cascade; create schema public; drop schema if exists auth cascade; drop schema if exists extensions cascade;`,
  );
}

/** The project's migrations after `shipshape sql --yes` wrote its files into it. */
function migrationsWithGenerated(root: string): Array<{ path: string; text: string }> {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const [schema] = loadSchemas(project);
  const generation = generate(project, schema!, {
    layout: detectLayout(project, schema!),
    decisions: decideTables(schema!),
    uses: collectColumnUses(project),
    name: 'shipshape',
    now: new Date('2026-01-02T03:04:05Z'),
  });
  for (const file of generation.files) {
    mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
    writeFileSync(path.join(root, file.path), file.content);
  }
  return migrationsOf(root);
}

export function migrationsOf(root: string): Array<{ path: string; text: string }> {
  const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
  return schema!.files.filter((f) => f.endsWith('.sql')).map((f) => ({ path: f, text: readFileSync(path.join(root, f), 'utf8') }));
}

export const statuses = (result: VerifyResult) =>
  Object.fromEntries(
    result.tables.map((t) => [
      t.table,
      Object.values(t.checks)
        .map((c) => c.status)
        .join(' '),
    ]),
  );

/** The same cases on PGlite and on a PostgreSQL server. */
export function verifySuite(db: () => Database): void {
  it('fails the fixture app before the generated migrations: every table without working RLS leaks', async () => {
    await resetDatabase(db());
    const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    const result = await verifyDatabase(db(), migrationsOf(root));
    expect(result.passed).toBe(false);
    expect(statuses(result)).toEqual({
      comments: 'FAIL FAIL FAIL FAIL FAIL',
      customers: 'PASS PASS PASS PASS PASS',
      profiles: 'PASS PASS PASS PASS PASS',
      projects: 'FAIL FAIL FAIL FAIL FAIL',
      tasks: 'FAIL FAIL FAIL FAIL PASS',
    });
    const tasks = result.tables.find((t) => t.table === 'tasks')!;
    expect(tasks.checks.read.detail).toBe("user A reads user B's row");
    expect(tasks.checks.insert.detail).toBe('user A inserts a row owned by user B');
  });

  it("passes once the generated migrations are applied on top of the app's own", async () => {
    await resetDatabase(db());
    const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    const migrations = migrationsWithGenerated(root);
    expect(migrations.map((m) => path.basename(m.path))).toEqual([
      '20240101000000_init.sql',
      '20240215000000_comments_and_billing.sql',
      '20260102030405_shipshape_rls.sql',
      '20260102030406_shipshape_constraints.sql',
      '20260102030407_shipshape_validation.sql',
      '20260102030408_shipshape_indexes.sql',
    ]);
    const result = await verifyDatabase(db(), migrations);
    expect(statuses(result)).toEqual({
      comments: 'PASS PASS PASS PASS PASS',
      customers: 'PASS PASS PASS PASS PASS',
      profiles: 'PASS PASS PASS PASS PASS',
      projects: 'PASS PASS PASS PASS PASS',
      tasks: 'PASS PASS PASS PASS PASS',
    });
    expect(result.passed).toBe(true);
    expect(result.tables.find((t) => t.table === 'comments')!.owner).toBe('task_id → tasks');
    const { rows: indexes } = await db().query<{ name: string; valid: boolean }>(
      `select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname like '%\\_idx' or c.relname like '%\\_key' order by 1`,
    );
    expect(indexes).toContainEqual({ name: 'customers_stripe_customer_id_key', valid: true });
    expect(indexes).toContainEqual({ name: 'tasks_project_id_idx', valid: true });
    const { rows: constraints } = await db().query<{ name: string }>(
      `select conname as name from pg_constraint where conname = 'customers_stripe_customer_id_key' and contype = 'u'`,
    );
    expect(constraints).toHaveLength(1);
    const { rows: notNull } = await db().query<{ nullable: string }>(
      `select is_nullable as nullable from information_schema.columns where table_name = 'tasks' and column_name = 'user_id'`,
    );
    expect(notNull).toEqual([{ nullable: 'NO' }]);
  });

  it('runs hostile table and column names through the generated migrations without harm', async () => {
    await resetDatabase(db());
    const table = 'Tasks"; drop table public.victims; --';
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': `create table public.victims (id int primary key);
create table public.${quoteIdentifier(table)} (
  id uuid primary key default gen_random_uuid(),
  ${quoteIdentifier('Owner;Id ☕')} uuid references auth.users (id),
  ${quoteIdentifier("it's")} text not null
);
create table public.${quoteIdentifier('Notes$shipshape$')} (
  id bigint generated always as identity primary key,
  ${quoteIdentifier('Parent')} uuid not null references public.${quoteIdentifier(table)} (id)
);
`,
    });
    const result = await verifyDatabase(db(), migrationsWithGenerated(root));
    expect(result.passed).toBe(true);
    expect(result.tables.map((t) => t.table).sort()).toEqual(['Notes$shipshape$', table]);
    const { rows } = await db().query(`select 1 from pg_class where relname = 'victims'`);
    expect(rows).toHaveLength(1);
  });

  it('stops at the VALIDATE line when existing rows break a new constraint, and the comment above it lists them', async () => {
    await resetDatabase(db());
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': `create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid references auth.users (id), body text);
insert into public.notes (body) values ('written before anyone signed in');
`,
    });
    const migrations = migrationsWithGenerated(root);
    const error = await verifyDatabase(db(), migrations).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const failure = error as MigrationError;
    expect(failure.file).toMatch(/_shipshape_validation\.sql$/);
    expect(failure.message).toMatch(/check constraint "notes_user_id_not_null" of relation "notes" is violated by some row/);
    const lines = migrations.find((m) => m.path === failure.file)!.text.split('\n');
    expect(lines[failure.line - 1]).toBe('alter table public.notes validate constraint notes_user_id_not_null;');
    const query = /^-- Rows that fail: (.*);$/.exec(lines[failure.line - 2]!)![1]!;
    expect(query).toBe('select * from public.notes where user_id is null');
    const { rows } = await db().query<{ body: string }>(query);
    expect(rows.map((r) => r.body)).toEqual(['written before anyone signed in']);
  });

  it('names the file and line of a migration that fails, and runs CONCURRENTLY outside a transaction', async () => {
    await resetDatabase(db());
    await applyMigrations(db(), [
      { path: 'a.sql', text: 'create table t (id int primary key);\ncreate index concurrently if not exists t_id on t (id);\n' },
    ]);
    const failing = applyMigrations(db(), [
      { path: 'b.sql', text: 'alter table t add column x int;\n\nalter table nope add column y int;\n' },
    ]);
    await expect(failing).rejects.toBeInstanceOf(MigrationError);
    await expect(failing).rejects.toThrow(/^b\.sql:3: relation "nope" does not exist/);
    const { rows } = await db().query(`select 1 from information_schema.columns where table_name = 't' and column_name = 'x'`);
    expect(rows).toHaveLength(0);
  });
}
