import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses } from '../../src/sql/code-facts.ts';
import { detectLayout, generate, type Generation } from '../../src/sql/generate.ts';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { renderSqlTemplate } from '../../src/engine/templates.ts';
import { commentText, quoteIdentifier, quoteLiteral, sql } from '../../src/sql/names.ts';
import { decideTables } from '../../src/sql/plan.ts';
import { loadSqlParser, parseSqlStatements } from '../../src/sql/sql-reader.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, writeTree, squawk } from '../helpers.ts';

await loadSqlParser();
afterAll(cleanTempDirs);

const NOW = new Date('2026-01-02T03:04:05Z');
const GOLDEN = path.join(FIXTURES, 'sql-golden');

function generateFor(
  root: string,
  options: { layout?: 'supabase' | 'prisma' | 'plain'; only?: 'rls' | 'constraints' | 'indexes' } = {},
): Generation {
  const project = loadProject(root, { knownCheckIds: CHECK_IDS });
  const [schema] = loadSchemas(project);
  if (!schema) throw new Error('no schema');
  return generate(project, schema, {
    layout: detectLayout(project, schema, options.layout),
    decisions: decideTables(schema),
    uses: collectColumnUses(project),
    name: 'shipshape',
    now: NOW,
    only: options.only,
  });
}

function writeGenerated(root: string, generation: Generation): string[] {
  const written: string[] = [];
  for (const file of generation.files) {
    for (const [rel, content] of [
      [file.path, file.content],
      [file.rollbackPath, file.rollbackContent],
    ] as const) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
      written.push(rel);
    }
  }
  return written;
}

describe('generated migrations for the Supabase fixture app', () => {
  const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
  const generation = generateFor(root);

  it('writes the four files in order, each with a rollback outside the migrations folder', () => {
    expect(generation.files.map((f) => [f.path, f.rollbackPath])).toEqual([
      ['supabase/migrations/20260102030405_shipshape_rls.sql', 'supabase/rollbacks/20260102030405_shipshape_rls.sql'],
      ['supabase/migrations/20260102030406_shipshape_constraints.sql', 'supabase/rollbacks/20260102030406_shipshape_constraints.sql'],
      ['supabase/migrations/20260102030407_shipshape_validation.sql', 'supabase/rollbacks/20260102030407_shipshape_validation.sql'],
      ['supabase/migrations/20260102030408_shipshape_indexes.sql', 'supabase/rollbacks/20260102030408_shipshape_indexes.sql'],
    ]);
  });

  it.each(
    generation.files.flatMap((f) => [
      [f.path, f.content],
      [f.rollbackPath, f.rollbackContent],
    ]),
  )('%s matches its golden file', (rel, content) => {
    const golden = path.join(GOLDEN, 'supabase-app', rel);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, content);
    }
    expect(content).toBe(readFileSync(golden, 'utf8'));
  });

  it('passes squawk with zero warnings, rollbacks included, and holds no ignore directive', () => {
    const written = writeGenerated(root, generation);
    const { code, output } = squawk(root, written);
    expect(output).toContain('Found 0 issues in 8 files');
    expect(code).toBe(0);
    for (const file of written) expect(readFileSync(path.join(root, file), 'utf8')).not.toMatch(/squawk-ignore/);
  });

  it('starts every file with lock_timeout and statement_timeout, and keeps CONCURRENTLY out of transactions', () => {
    for (const file of generation.files) {
      const statements = parseSqlStatements(file.content);
      expect(statements.slice(0, 2).map((s) => s.text)).toEqual([
        expect.stringMatching(/^set lock_timeout = '\d+s'/),
        expect.stringMatching(/^set statement_timeout = '/),
      ]);
      if (file.part === 'indexes') expect(statements.some((s) => s.kind === 'TransactionStmt')).toBe(false);
      else expect(statements.filter((s) => s.kind === 'TransactionStmt').map((s) => s.text)).toEqual(['begin', 'commit']);
    }
  });

  it('generates nothing new once its files exist', () => {
    const again = generateFor(root);
    expect(again.files).toEqual([]);
    expect(again.plan).toMatchObject({ rls: [], constraints: [], indexes: [] });
  });
});

describe('names', () => {
  const hostile = ['Tasks', 'tasks"; drop table users; --', 'order', 'zürich ☕', "o'brien", 'semi;colon', 'a$shipshape$b'];

  it('quotes what is not a plain lower-case name, doubling quotes, and rejects what Postgres cannot hold', () => {
    expect(hostile.map(quoteIdentifier)).toEqual([
      '"Tasks"',
      '"tasks""; drop table users; --"',
      '"order"',
      '"zürich ☕"',
      '"o\'brien"',
      '"semi;colon"',
      '"a$shipshape$b"',
    ]);
    expect(quoteIdentifier('user_id')).toBe('user_id');
    expect(() => quoteIdentifier('')).toThrow(/empty/);
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/);
    expect(() => quoteIdentifier('x'.repeat(64))).toThrow(/longer than 63 bytes/);
  });

  it('renders hostile table and column names quoted and harmless in every file', () => {
    const table = 'tasks"; drop table users; --';
    const owner = 'User ID☕';
    const sql = `create table public.${quoteIdentifier(table)} (
  id uuid primary key,
  ${quoteIdentifier(owner)} uuid references auth.users (id),
  ${quoteIdentifier("o'brien\nnote")} text
);
create table public.${quoteIdentifier('Kids; select 1')} (
  id uuid primary key,
  ${quoteIdentifier('parent$shipshape$')} uuid not null references public.${quoteIdentifier(table)} (id)
);
create table public."order" (id bigint primary key, user_id uuid);
`;
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': sql,
      'lib/a.ts': `export const f = (s: any, v: string) => s.from(${JSON.stringify('Kids; select 1')}).select().eq(${JSON.stringify('parent$shipshape$')}, v).single();`,
    });
    const generation = generateFor(root);
    expect(generation.files.map((f) => f.part)).toEqual(['rls', 'constraints', 'validation', 'indexes']);
    const relations = new Set<string>();
    const collect = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (typeof n.relname === 'string') relations.add(n.relname);
      for (const value of Object.values(n)) collect(value);
    };
    for (const file of generation.files) {
      for (const text of [file.content, file.rollbackContent]) {
        const statements = parseSqlStatements(text);
        // No statement the plan did not make: nothing but SET, transaction control and DDL on these tables.
        for (const s of statements)
          expect([
            'VariableSetStmt',
            'TransactionStmt',
            'AlterTableStmt',
            'DropStmt',
            'CreatePolicyStmt',
            'GrantStmt',
            'IndexStmt',
            'DoStmt',
          ]).toContain(s.kind);
        statements.forEach((s) => collect(s.node));
      }
    }
    expect([...relations].sort()).toEqual(['Kids; select 1', 'order', 'tasks"; drop table users; --', 'users'].sort());
    const rls = generation.files[0]!.content;
    expect(rls).toContain('alter table public."tasks""; drop table users; --" enable row level security;');
    expect(rls).toContain('(select auth.uid()) = "User ID☕"');
    expect(rls).toContain('alter table public."order" enable row level security;');
    const indexes = generation.files[3]!.content;
    expect(indexes).toContain('do $shipshape1$');
    expect(indexes).toContain(`conrelid = pg_catalog.format('%I.%I', 'public', 'Kids; select 1')::regclass`);
    const check = squawk(root, writeGenerated(root, generation));
    expect(check.output).toContain('Found 0 issues');
  });
});

describe('SQL templates', () => {
  it('print only quoted fragments: raw text and {{{…}}} are refused, and names never break a line', () => {
    expect(() =>
      renderSqlTemplate('sql/rls.sql', {
        lockTimeout: '5s',
        statementTimeout: '1min',
        rollback: 'r.sql',
        plans: [
          {
            label: 'x',
            reason: 'y',
            table: { schema: 'public', name: 'x' },
            dropPolicies: [],
            policies: [{ name: 'p', command: 'select', roles: ['authenticated'], using: 'true; delete from victims', withCheck: null }],
            anonReads: false,
          },
        ],
      }),
    ).toThrow(/unquoted text/);
    const dir = path.join(REPO, 'templates', 'sql');
    for (const file of readdirSync(dir)) expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toContain('{{{');
    expect(quoteIdentifier('notes\ndelete from public.victims; --')).toBe('U&"notes\\000adelete from public.victims; --"');
    expect(quoteIdentifier('a\\b\r')).toBe('U&"a\\\\b\\000d"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b\n')).toBe("E'a\\\\b\\u000a'");
    expect(() => sql`select ${'raw' as never}`).toThrow(/unquoted text/);
    expect(commentText('a\nb */ c /* d\u2028')).toBe('a\\u000ab * / c / * d\\u2028');
  });
});

describe('access modes', () => {
  it('infers team membership and server-only, and renders each', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': `create table public.teams (id uuid primary key, name text not null);
create table public.team_members (team_id uuid not null references public.teams (id), user_id uuid not null references auth.users (id), primary key (team_id, user_id));
create table public.documents (id uuid primary key, team_id uuid not null references public.teams (id), body text);
create table public.settings (key text primary key, value jsonb);
`,
    });
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const [schema] = loadSchemas(project);
    const decisions = decideTables(schema!);
    expect(decisions.map((d) => [d.table.name, d.mode, d.choices.join('/')])).toEqual([
      ['teams', 'server-only', 'public-read/server-only/skip'],
      ['team_members', 'owner', 'owner/public-read/server-only/skip'],
      ['documents', 'team', 'team/public-read/server-only/skip'],
      ['settings', 'server-only', 'public-read/server-only/skip'],
    ]);
    const rls = generateFor(root, { only: 'rls' }).files[0]!.content;
    expect(rls).toContain(
      'create policy documents_shipshape_select on public.documents\n  for select to authenticated\n  using (team_id in (select team_id from public.team_members where user_id = (select auth.uid())));',
    );
    expect(rls).toMatch(
      /-- settings: no owner found: only the service role \(server code\) can use it\nalter table public\.settings enable row level security;\nrevoke all on table public\.settings from anon;/,
    );
    expect(rls).not.toContain('settings_shipshape_select');
  });
});

describe('other layouts', () => {
  it('Prisma: one folder per migration, rollbacks in prisma/rollbacks, and nothing new on a second run', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@prisma/client":"6.0.0"}}',
      'prisma/schema.prisma': `model User {
  id    String @id @default(uuid()) @db.Uuid
  posts Post[]
}

model Post {
  id       String @id @default(uuid()) @db.Uuid
  author   User   @relation(fields: [authorId], references: [id])
  authorId String @map("author_id") @db.Uuid
  slug     String
}
`,
      'prisma/migrations/20240101000000_init/migration.sql': `CREATE TABLE "User" ("id" UUID NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" UUID NOT NULL, "author_id" UUID NOT NULL, "slug" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
ALTER TABLE "Post" ADD CONSTRAINT "Post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
`,
      'lib/posts.ts': `export const bySlug = (prisma: any, slug: string) => prisma.post.findUnique({ where: { slug } });
export const byAuthor = (prisma: any, authorId: string) => prisma.post.findMany({ where: { authorId }, take: 20 });`,
    });
    const generation = generateFor(root);
    expect(generation.files.map((f) => [f.path, f.rollbackPath])).toEqual([
      ['prisma/migrations/20260102030405_shipshape_indexes/migration.sql', 'prisma/rollbacks/20260102030405_shipshape_indexes.sql'],
    ]);
    const [indexes] = generation.files;
    expect(indexes!.content).toContain('create unique index concurrently if not exists "Post_slug_key" on public."Post" (slug);');
    expect(indexes!.content).toContain('create index concurrently if not exists "Post_author_id_idx" on public."Post" (author_id);');
    // Prisma keeps @@unique as an index: no constraint on top, which `prisma migrate dev` would see as drift.
    expect(indexes!.content).not.toContain('unique using index');
    expect(generation.edits).toEqual([
      {
        path: 'prisma/schema.prisma',
        content: expect.stringContaining('  slug     String\n\n  @@unique([slug])\n  @@index([authorId])\n}\n'),
      },
    ]);
    writeGenerated(root, generation);
    writeFileSync(path.join(root, 'prisma/schema.prisma'), generation.edits[0]!.content);
    const again = generateFor(root);
    expect(again.files).toEqual([]);
    expect(again.edits).toEqual([]);
  });

  it('plain: next to the schema files, and only the part asked for', () => {
    const root = writeTree({
      'package.json': '{"name":"x"}',
      'db/schema.sql': 'create table users (id uuid primary key);\ncreate table notes (id uuid primary key, author_id uuid, body text);\n',
    });
    const only = generateFor(root, { only: 'indexes' });
    expect(only.files).toEqual([]);
    const generation = generateFor(root, { only: 'constraints' });
    expect(generation.files.map((f) => f.path)).toEqual([
      'db/migrations/20260102030405_shipshape_constraints.sql',
      'db/migrations/20260102030406_shipshape_validation.sql',
    ]);
    expect(generation.files[0]!.content).toContain('foreign key (author_id) references public.users (id) on delete cascade not valid;');
    writeGenerated(root, generation);
    expect(existsSync(path.join(root, 'db/migrations/rollbacks/20260102030405_shipshape_constraints.sql'))).toBe(true);
    expect(generateFor(root).files.map((f) => f.part)).toEqual(['indexes']);
  });

  it('--out X: the rollbacks go to X/rollbacks, as the README says, for every layout', () => {
    const root = copyFixture(path.join(FIXTURES, 'apps', 'supabase-app'));
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const [schema] = loadSchemas(project);
    for (const layout of ['supabase', 'prisma', 'plain'] as const) {
      expect(detectLayout(project, schema!, layout, 'db/out/')).toMatchObject({
        migrationsDir: 'db/out',
        rollbacksDir: 'db/out/rollbacks',
      });
    }
    expect(detectLayout(project, schema!)).toMatchObject({ migrationsDir: 'supabase/migrations', rollbacksDir: 'supabase/rollbacks' });
  });
});
