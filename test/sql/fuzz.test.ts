import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses } from '../../src/sql/code-facts.ts';
import { detectLayout, generate, type Generation } from '../../src/sql/generate.ts';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { quoteIdentifier } from '../../src/sql/names.ts';
import { decideTables, type SqlPlan } from '../../src/sql/plan.ts';
import { loadSqlParser, parseSqlStatements } from '../../src/sql/sql-reader.ts';
import { applyMigrations } from '../../src/verify/apply.ts';
import { openPglite, type Database } from '../../src/verify/database.ts';
import { cleanTempDirs, writeTree } from '../helpers.ts';

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '"',
  "'",
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u2028',
  '\u0085',
  '\v',
  '\f',
  '\x1b',
  '--',
  '/*',
  '*/',
  '$$',
  '$shipshape$',
  '$shipshape1$',
  ';',
  '\\',
  '\\n',
  'drop table public.victims;',
  'delete from public.victims;',
  'select',
  'order',
  'User',
  ' ',
  'é',
  '☕',
  '𝒳',
  '\u202e',
  'ß',
  'x',
  'notes',
  '_',
  'A',
  '0',
  '%s',
  ')',
  '(',
  ',',
  'U&',
  "E'",
];

function identifier(next: () => number): string {
  const target = 1 + Math.floor(next() * 70);
  let name = '';
  while (Buffer.byteLength(name) < target) name += PIECES[Math.floor(next() * PIECES.length)]!;
  const chars = Array.from(name);
  while (Buffer.byteLength(chars.join('')) > 63) chars.pop();
  return chars.join('') || 'x';
}

interface Case {
  parent: string;
  child: string;
  owner: string;
  note: string;
  link: string;
  oldPolicy: string;
}

/** Batches of cases whose table names differ, so each batch is one schema. */
function makeBatches(batches: number, size: number, seed: number): Case[][] {
  return Array.from({ length: batches }, (_, i) => makeCases(size, seed + i));
}

function makeCases(count: number, seed: number): Case[] {
  const next = random(seed);
  const cases: Case[] = [];
  const tables = new Set(['victims']);
  while (cases.length < count) {
    const names = Array.from({ length: 6 }, () => identifier(next));
    const [parent, child, owner, note, link, oldPolicy] = names as [string, string, string, string, string, string];
    if (parent === child || tables.has(parent) || tables.has(child)) continue;
    if (new Set(['id', owner, note]).size !== 3 || new Set(['id', link]).size !== 2) continue;
    tables.add(parent).add(child);
    cases.push({ parent, child, owner, note, link, oldPolicy });
  }
  return cases;
}

function migrationFor(batch: readonly Case[]): string {
  return batch.map(tablesFor).join('');
}

function tablesFor(c: Case): string {
  const q = quoteIdentifier;
  return `create table public.${q(c.parent)} (
  id uuid primary key default gen_random_uuid(),
  ${q(c.owner)} uuid references auth.users (id),
  ${q(c.note)} text
);
create policy ${q(c.oldPolicy)} on public.${q(c.parent)} for select using (true);
create table public.${q(c.child)} (
  id bigint generated always as identity primary key,
  ${q(c.link)} uuid not null references public.${q(c.parent)} (id)
);
`;
}

function generateFor(batch: readonly Case[]): Generation {
  const root = writeTree({
    'package.json': '{"name":"fuzz","dependencies":{"@supabase/supabase-js":"2"}}',
    'supabase/migrations/1_init.sql': migrationFor(batch),
    'lib/lookup.ts': batch
      .map(
        (c, i) =>
          `export const one${i} = (s: any, v: string) => s.from(${JSON.stringify(c.parent)}).select().eq(${JSON.stringify(c.note)}, v).single();\n`,
      )
      .join(''),
  });
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const [schema] = loadSchemas(project);
  if (!schema || schema.problems.length > 0)
    throw new Error(`batch ${JSON.stringify(batch)} does not load: ${schema?.problems[0]?.message}`);
  return generate(project, schema, {
    layout: detectLayout(project, schema),
    decisions: decideTables(schema),
    uses: collectColumnUses(project),
    name: 'fuzz',
    now: new Date('2026-01-02T03:04:05Z'),
  });
}

const SET = ['VariableSetStmt', 'VariableSetStmt'];

/** The statements each file must hold, in order, as the plan describes them. */
function expectedKinds(plan: SqlPlan, part: string, rollback: boolean, adoptUnique: boolean): string[] {
  const tx = (body: string[]) => [...SET, 'TransactionStmt', ...body, 'TransactionStmt'];
  if (part === 'rls') {
    if (!rollback)
      return tx(
        plan.rls.flatMap((r) => [
          'AlterTableStmt',
          ...r.dropPolicies.map(() => 'DropStmt'),
          ...r.policies.map(() => 'CreatePolicyStmt'),
          'GrantStmt',
        ]),
      );
    return tx(
      plan.rls.flatMap((r) => [
        ...r.policies.map(() => 'DropStmt'),
        ...r.previousPolicies.map(() => 'CreatePolicyStmt'),
        'GrantStmt',
        ...(r.wasEnabled ? [] : ['AlterTableStmt']),
      ]),
    );
  }
  if (part === 'constraints')
    return tx(plan.constraints.flatMap(() => (rollback ? ['AlterTableStmt'] : ['AlterTableStmt', 'AlterTableStmt'])));
  if (part === 'validation')
    return rollback
      ? SET
      : tx(
          plan.constraints.flatMap((c) =>
            c.kind === 'not-null' ? ['AlterTableStmt', 'AlterTableStmt', 'AlterTableStmt'] : ['AlterTableStmt'],
          ),
        );
  const adopt = (unique: boolean) => unique && adoptUnique;
  if (rollback) return [...SET, ...plan.indexes.flatMap((i) => [...(adopt(i.unique) ? ['AlterTableStmt'] : []), 'DropStmt'])];
  return [...SET, ...plan.indexes.flatMap((i) => ['IndexStmt', ...(adopt(i.unique) ? ['DoStmt'] : [])])];
}

/** Whether any line outside a string or quoted name starts a statement the plan did not make: the comments carry no SQL. */
function commentLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('--'));
}

let db: Database;

beforeAll(async () => {
  await loadSqlParser();
  db = await openPglite({ supabase: true });
});

afterAll(async () => {
  await db?.close();
  cleanTempDirs();
});

async function catalog(): Promise<{ policies: string[]; relations: string[]; constraints: string[]; victims: number }> {
  const policies = (
    await db.query<{ p: string }>(`select tablename || '.' || policyname as p from pg_policies where schemaname = 'public' order by 1`)
  ).rows.map((r) => r.p);
  const relations = (
    await db.query<{ r: string }>(
      `select relname as r from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' order by 1`,
    )
  ).rows.map((r) => r.r);
  const constraints = (
    await db.query<{ c: string }>(
      `select conname as c from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public' and c.contype <> 'n' order by 1`,
    )
  ).rows.map((r) => r.c);
  const victims = Number((await db.query<{ n: string }>('select count(*) as n from public.victims')).rows[0]!.n);
  return { policies, relations, constraints, victims };
}

describe('generated SQL under hostile names', () => {
  // The name from the security review first: it once put a live `delete` under a comment.
  const reported: Case = {
    parent: 'notes\ndelete from public.victims; --',
    child: 'notes */ child',
    owner: 'owner\r\n;',
    note: 'note',
    link: 'link',
    oldPolicy: 'old\ndrop table public.victims; --',
  };
  const batches = [[reported], ...makeBatches(10, 5, 20260102)];
  const cases = batches.flat();

  it('covers a few hundred identifiers with every dangerous piece', () => {
    const names = cases.flatMap((c) => Object.values(c) as string[]);
    expect(names.length).toBeGreaterThanOrEqual(300);
    for (const piece of ['"', '\n', '--', '/*', '*/', '$$', ';', '\\', '☕', '𝒳']) expect(names.some((n) => n.includes(piece))).toBe(true);
    expect(names.some((n) => Buffer.byteLength(n) > 50)).toBe(true);
  });

  it('renders every template into exactly the statements planned, touches nothing else, and rolls back', async () => {
    const cpu = process.cpuUsage();
    for (const [index, batch] of batches.entries()) {
      const label = `batch ${index}: ${JSON.stringify(batch)}`;
      const generation = generateFor(batch);
      expect(
        generation.files.map((f) => f.part),
        label,
      ).toEqual(['rls', 'constraints', 'validation', 'indexes']);
      for (const file of generation.files) {
        for (const [text, rollback] of [
          [file.content, false],
          [file.rollbackContent, true],
        ] as const) {
          expect(
            parseSqlStatements(text).map((s) => s.kind),
            `${label} ${file.part}${rollback ? ' rollback' : ''}`,
          ).toEqual(expectedKinds(generation.plan, file.part, rollback, true));
          for (const line of commentLines(text)) expect(line, label).not.toMatch(/[\r\u2028\u2029\u0085\v\f]|\/\*|\*\//);
        }
      }

      await db.exec(`drop schema if exists public cascade; create schema public;`);
      await db.exec(`create table public.victims (id int primary key); insert into public.victims values (1), (2), (3);`);
      await applyMigrations(db, [{ path: '1_init.sql', text: migrationFor(batch) }]);
      const before = await catalog();
      await applyMigrations(
        db,
        generation.files.map((f) => ({ path: f.path, text: f.content })),
      );
      const after = await catalog();
      expect(after.victims, label).toBe(3);
      const planned = generation.plan;
      const policies = planned.rls.flatMap((r) => r.policies.map((p) => `${r.table.name}.${p.name}`)).sort();
      expect(after.policies, label).toEqual(policies);
      const indexNames = planned.indexes.map((i) => i.name);
      expect(after.relations, label).toEqual([...new Set([...before.relations, ...indexNames])].sort());
      const uniqueConstraints = planned.indexes.filter((i) => i.unique).map((i) => i.name);
      const foreignKeys = planned.constraints.filter((k) => k.kind === 'foreign').map((k) => k.name);
      expect(after.constraints, label).toEqual([...new Set([...before.constraints, ...uniqueConstraints, ...foreignKeys])].sort());

      await applyMigrations(db, generation.files.map((f) => ({ path: f.rollbackPath, text: f.rollbackContent })).reverse());
      const rolledBack = await catalog();
      expect(rolledBack.victims, label).toBe(3);
      expect(rolledBack.policies, label).toEqual(before.policies);
      expect(rolledBack.relations, label).toEqual(before.relations);
      expect(rolledBack.constraints, label).toEqual(before.constraints);
    }
    // CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(20_000);
  }, 180_000);
});
