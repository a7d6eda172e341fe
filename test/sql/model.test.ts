import { describe, expect, it } from 'vitest';
import { loadSchemas } from '../../src/sql/load-schema.ts';
import { emptySchema, findTable, hasLeadingIndex, isUniqueOn, type SchemaModel } from '../../src/sql/model.ts';
import { inferOwnership } from '../../src/sql/ownership.ts';
import { readPrismaSchema } from '../../src/sql/prisma-reader.ts';
import { SqlSchemaReader, loadSqlParser, parseSqlStatements } from '../../src/sql/sql-reader.ts';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS } from '../../src/registry.ts';
import { collectColumnUses, resolveUse } from '../../src/sql/code-facts.ts';
import { runAsync, writeTree } from '../helpers.ts';

await loadSqlParser();

function read(files: Record<string, string>): SchemaModel {
  const schema = emptySchema('supabase', '');
  const reader = new SqlSchemaReader(schema);
  for (const [file, text] of Object.entries(files)) reader.readFile(file, text);
  return schema;
}

describe('SQL migrations reader', () => {
  it('follows tables, columns, constraints, renames and drops across files, with the line of each element', () => {
    const schema = read({
      'm/1.sql': `-- the first migration
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  owner uuid references auth.users (id) on delete cascade,
  title text not null,
  unique (title)
);
create table scratch (id int);`,
      'm/2.sql': `/* rename things */
alter table tasks rename column owner to user_id;
alter table tasks rename to todos;
alter table todos add column done boolean not null default false, alter column title drop not null;
alter table todos add constraint todos_title_len check (char_length(title) < 200) not valid;
alter table todos validate constraint todos_title_len;
drop table scratch;
create index concurrently if not exists todos_user_id_idx on todos (user_id, done) where done = false;
create index todos_done_idx on todos (done);
drop index todos_done_idx;`,
    });
    expect(schema.problems).toEqual([]);
    expect(schema.tables.map((t) => t.name)).toEqual(['todos']);
    const todos = findTable(schema, 'public', 'todos')!;
    expect(todos.loc).toEqual({ file: 'm/1.sql', line: 2 });
    expect(todos.columns.map((c) => [c.name, c.type, c.nullable, c.loc.line])).toEqual([
      ['id', 'uuid', false, 3],
      ['user_id', 'uuid', true, 4],
      ['title', 'text', true, 5],
      ['done', 'boolean', false, 4],
    ]);
    const fk = todos.constraints.find((c) => c.kind === 'foreign')!;
    expect(fk).toMatchObject({
      columns: ['user_id'],
      references: { schema: 'auth', table: 'users', columns: ['id'], onDelete: 'cascade' },
    });
    expect(todos.constraints.find((c) => c.name === 'todos_title_len')).toMatchObject({ kind: 'check', notValid: false });
    expect(schema.indexes).toEqual([
      expect.objectContaining({ name: 'todos_user_id_idx', table: 'todos', columns: ['user_id', 'done'], partial: true }),
    ]);
    expect(hasLeadingIndex(schema, todos, ['user_id'])).toBe(false);
    expect(isUniqueOn(schema, todos, ['title'])).toBe(true);
    expect(inferOwnership(schema, todos)).toMatchObject({ kind: 'column', column: 'user_id' });
  });

  it('reads RLS flags, policies with their expressions, grants and functions', () => {
    const schema = read({
      'm.sql': `create table t (id bigint primary key, user_id uuid, team_id uuid);
alter table t enable row level security;
alter table t force row level security;
create policy "Own rows" on t as permissive for update to authenticated
  using (auth.uid() = user_id and team_id in (select team_id from members where member = (select auth.uid())))
  with check (true);
alter policy "Own rows" on t rename to own;
create policy meta on t for select using ((auth.jwt() -> 'user_metadata' ->> 'admin')::boolean);
drop policy if exists meta on t;
grant select, insert on t to anon;
revoke all on t from anon;
create function private.f() returns void language plpgsql security definer as $$ begin end $$;
create policy files on storage.objects for select to authenticated using (true);`,
    });
    expect(schema.problems).toEqual([]);
    const t = findTable(schema, 'public', 't')!;
    expect(t.rls).toMatchObject({ enabled: true, forced: true });
    expect(t.policies).toHaveLength(1);
    const [own] = t.policies;
    expect(own).toMatchObject({ name: 'own', command: 'update', roles: ['authenticated'], permissive: true, loc: { line: 4 } });
    expect(own!.using).toMatchObject({ alwaysTrue: false, columns: ['team_id', 'user_id'], unwrappedAuthCalls: ['auth.uid()'] });
    expect(own!.using!.text).toBe('auth.uid() = user_id and team_id in (select team_id from members where member = (select auth.uid()))');
    expect(own!.withCheck).toMatchObject({ alwaysTrue: true, text: 'true' });
    expect(t.grants.map((g) => [g.grant, g.privileges, g.roles])).toEqual([
      [true, ['select', 'insert'], ['anon']],
      [false, ['all'], ['anon']],
    ]);
    expect(schema.functions).toEqual([expect.objectContaining({ schema: 'private', name: 'f', securityDefiner: true, searchPath: null })]);
    expect(schema.unmodelled.map((u) => u.kind)).toContain('CreatePolicyStmt');
  });

  it('counts lines, not bytes, after multi-byte characters', () => {
    const statements = parseSqlStatements(`-- café ☕ données\ncomment on table x is 'naïve ☕';\n\n  create table y (id int);`);
    expect(statements.map((s) => [s.kind, s.line])).toEqual([
      ['CommentStmt', 2],
      ['CreateStmt', 4],
    ]);
  });

  it('records a file that does not parse with its line and keeps reading the others', () => {
    const schema = read({
      'a.sql': 'create table a (id int primary key);\n\ncreate tabel b (id int);',
      'b.sql': 'create table c (id int primary key);',
    });
    expect(schema.problems).toEqual([expect.objectContaining({ file: 'a.sql', line: 3 })]);
    expect(schema.problems[0]!.message).toMatch(/^a\.sql:3 does not parse: syntax error at or near "tabel"/);
    expect(schema.tables.map((t) => t.name)).toEqual(['c']);
  });
});

describe('schema.prisma reader', () => {
  it('reads models, fields, relations, ids, uniques, indexes and maps, with schema.prisma lines', () => {
    const schema = emptySchema('prisma', '');
    readPrismaSchema(
      schema,
      'prisma/schema.prisma',
      `model User {
  id        String   @id @default(uuid()) @db.Uuid
  email     String   @unique
  posts     Post[]
}

model Post {
  id        Int      @id @default(autoincrement())
  authorId  String   @map("author_id") @db.Uuid
  author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
  slug      String
  title     String?
  createdAt DateTime @default(now()) @map("created_at")

  @@unique([authorId, slug])
  @@index([createdAt])
  @@map("posts")
}
`,
    );
    expect(schema.problems).toEqual([]);
    const posts = findTable(schema, 'public', 'posts')!;
    expect(posts.model).toBe('Post');
    expect(posts.loc.line).toBe(7);
    expect(posts.columns.map((c) => [c.name, c.type, c.nullable, c.loc.line])).toEqual([
      ['id', 'integer', false, 8],
      ['author_id', 'uuid', false, 9],
      ['slug', 'text', false, 11],
      ['title', 'text', true, 12],
      ['created_at', 'timestamp(3) without time zone', false, 13],
    ]);
    expect(posts.constraints.find((c) => c.kind === 'foreign')).toMatchObject({
      columns: ['author_id'],
      references: { table: 'User', columns: ['id'], onDelete: 'cascade' },
      loc: { line: 10 },
    });
    expect(isUniqueOn(schema, posts, ['author_id', 'slug'])).toBe(true);
    expect(hasLeadingIndex(schema, posts, ['author_id'])).toBe(true);
    expect(hasLeadingIndex(schema, posts, ['created_at'])).toBe(true);
    expect(isUniqueOn(schema, findTable(schema, 'public', 'User')!, ['email'])).toBe(true);
  });

  it('reports a schema that does not parse with its line', () => {
    const schema = emptySchema('prisma', '');
    readPrismaSchema(schema, 'prisma/schema.prisma', 'model A {\n  id Int @id\n}\n\nmodel {\n');
    expect(schema.problems).toEqual([expect.objectContaining({ file: 'prisma/schema.prisma', line: 5 })]);
  });
});

describe('schema sources in a project', () => {
  it('reads plain .sql files holding DDL in path order when there is no migrations folder, skipping the rest', () => {
    const root = writeTree({
      'package.json': '{"name":"x"}',
      'db/02_more.sql': 'alter table items add column note text;',
      'db/01_schema.sql': 'create table items (id int primary key);',
      'queries/report.sql': 'select count(*) from items;',
      'index.js': '',
    });
    const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
    expect(schema!.source).toBe('plain');
    expect(schema!.files).toEqual(['db/01_schema.sql', 'db/02_more.sql']);
    expect(schema!.tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'note']);
  });

  it('joins code lookups to the schema: supabase-js .eq().single() and Prisma where keys', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': 'create table profiles (id uuid primary key references auth.users (id), handle text);',
      'lib/a.ts': `export const one = (s: any, h: string) => s.from('profiles').select('id').eq('handle', h).maybeSingle();
export const many = (s: any) => s.from('profiles').select('id').eq('handle', 'x').order('id');`,
    });
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const uses = collectColumnUses(project);
    expect(uses.map((u) => [u.use, u.target, u.columns, u.line])).toEqual([
      ['lookup', 'profiles', ['handle'], 1],
      ['filter', 'profiles', ['handle'], 2],
    ]);
    const [schema] = loadSchemas(project);
    expect(resolveUse(schema!, uses[0]!)?.columns).toEqual(['handle']);
    expect(inferOwnership(schema!, schema!.tables[0]!)).toMatchObject({ kind: 'profile', column: 'id' });
  });

  const prismaSchema = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    String @id
  posts Post[]
}

model Post {
  id       String @id
  title    String
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
`;
  const migrations = {
    'prisma/migrations/20240101000000_init/migration.sql': `CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" TEXT NOT NULL, "title" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
`,
    'prisma/migrations/20240201000000_author/migration.sql': `-- AlterTable
ALTER TABLE "Post" ADD COLUMN "authorId" TEXT NOT NULL;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
`,
  };

  it('takes Prisma migrations as the one source of truth, with the model names and schema.prisma lines of schema.prisma', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}',
      'prisma/schema.prisma': prismaSchema,
      ...migrations,
      'prisma/migrations/20240301000000_empty/migration.sql': '',
    });
    const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
    expect(schema!.problems).toEqual([]);
    expect(schema!.files).toEqual([...Object.keys(migrations), 'prisma/migrations/20240301000000_empty/migration.sql']);
    const post = findTable(schema!, 'public', 'Post')!;
    expect(post.columns.map((c) => c.name)).toEqual(['id', 'title', 'authorId']);
    expect(post.constraints.filter((c) => c.kind === 'foreign').map((c) => [c.name, c.columns, c.references?.table, c.loc.line])).toEqual([
      ['Post_authorId_fkey', ['authorId'], 'User', 15],
    ]);
    expect([post.model, post.fields?.authorId, post.loc]).toEqual(['Post', 'authorId', { file: 'prisma/schema.prisma', line: 11 }]);
  });

  it('still reports a schema.prisma that does not parse when the migrations are the source', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}',
      'prisma/schema.prisma': `${prismaSchema}\nmodel {\n`,
      ...migrations,
    });
    const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
    expect(schema!.problems.map((p) => [p.kind, p.file])).toEqual([['parse', 'prisma/schema.prisma']]);
    expect(findTable(schema!, 'public', 'Post')!.constraints.some((c) => c.kind === 'foreign')).toBe(true);
  });

  it('reads schema.prisma alone when there are no migrations, or when they are not PostgreSQL', () => {
    const mysql = prismaSchema.replace('postgresql', 'mysql');
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}',
      'prisma/schema.prisma': mysql,
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE `User` (`id` VARCHAR(191) NOT NULL, PRIMARY KEY (`id`));\n',
    });
    const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
    expect(schema!.problems).toEqual([]);
    expect(schema!.files).toEqual(['prisma/schema.prisma']);
    expect(schema!.tables.map((t) => t.name)).toEqual(['User', 'Post']);
  });

  it('records a statement that does not replay as a replay problem of its migration, with the statement and its table', () => {
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}',
      'prisma/schema.prisma': prismaSchema,
      ...migrations,
      'prisma/migrations/20240301000000_again/migration.sql': '-- AlterTable\nALTER TABLE "Post" ADD COLUMN "title" TEXT;\n',
    });
    const [schema] = loadSchemas(loadProject(root, { knownCheckIds: CHECK_IDS }));
    expect(schema!.problems).toEqual([
      {
        kind: 'replay',
        file: 'prisma/migrations/20240301000000_again/migration.sql',
        line: 2,
        message:
          'prisma/migrations/20240301000000_again/migration.sql:2 does not replay on the schema read so far: column title already exists on Post',
        statement: 'ALTER TABLE "Post" ADD COLUMN "title" TEXT',
        table: { schema: 'public', name: 'Post' },
      },
    ]);
  });

  it('lets `shipshape sql` go on past a replay problem about a table it writes nothing for, and stops on one about a table it does', async () => {
    const app = (again: string) =>
      writeTree({
        'package.json': '{"name":"x","dependencies":{"@prisma/client":"5"}}',
        'prisma/schema.prisma': prismaSchema,
        ...migrations,
        'prisma/migrations/20240301000000_again/migration.sql': again,
      });
    const elsewhere = await runAsync(['sql', app('ALTER TABLE "User" ADD COLUMN "id" TEXT;\n'), '--dry-run', '--quiet']);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stdout).toContain('"Post_authorId_idx"');
    expect(elsewhere.stderr).toContain(
      'warning: prisma/migrations/20240301000000_again/migration.sql:1 does not replay on the schema read so far: column id already exists on User (`ALTER TABLE "User" ADD COLUMN "id" TEXT`)',
    );
    const affected = await runAsync(['sql', app('ALTER TABLE "Post" ADD COLUMN "title" TEXT;\n'), '--dry-run', '--quiet']);
    expect(affected.code).toBe(2);
    expect(affected.stderr).toContain(
      'prisma/migrations/20240301000000_again/migration.sql:1 does not replay on the schema read so far: column title already exists on Post (`ALTER TABLE "Post" ADD COLUMN "title" TEXT`)',
    );
    expect(affected.stderr).not.toContain('parse');
  }, 60_000);
});
