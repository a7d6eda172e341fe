import { afterAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/sql/names.ts';
import { loadSqlParser, parseSqlStatements, SqlParseError } from '../../src/sql/sql-reader.ts';
import { cleanTempDirs, runAsync, writeTree } from '../helpers.ts';

await loadSqlParser();
afterAll(cleanTempDirs);

describe('SQL in finding messages', () => {
  it('quotes every name with the one quoting function', async () => {
    const evil = 'evil"; drop table public.victims; --';
    const root = writeTree({
      'package.json': '{"name":"x","dependencies":{"@supabase/supabase-js":"2"}}',
      'supabase/migrations/1_init.sql': `create table public.${quoteIdentifier(evil)} (owner_id uuid, note text);
create table public."User" (id uuid primary key, "ownerId" uuid references auth.users (id));
create table public."Posts" (id uuid primary key, user_id uuid not null references auth.users (id), "authorRef" uuid references public."User" (id));
alter table public."Posts" enable row level security;
create policy "all" on public."Posts" for update to authenticated using (true) with check (true);
create policy "pol" on public."Posts" for select to authenticated using ("authorRef" = (select auth.uid()));
create function public."Mixed"() returns int language sql security definer as $$ select 1 $$;
`,
      'lib/a.ts': 'export const one = (s: any, v: string) => s.from("Posts").select().eq("authorRef", v).single();\n',
    });
    const result = await runAsync(['scan', root, '--format', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    const messages: Record<string, string[]> = {};
    for (const f of JSON.parse(result.stdout).findings as Array<{ ruleId: string; message: string }>)
      (messages[f.ruleId] ??= []).push(f.message);
    const all = Object.values(messages).flat().join('\n');
    expect(all).toContain('`alter table "evil""; drop table public.victims; --" enable row level security;`');
    expect(all).toContain('`alter table "User" enable row level security;`');
    expect(all).toContain('`alter table "evil""; drop table public.victims; --" add primary key (…)`');
    expect(messages['owner-column-without-foreign-key']?.join('\n')).toContain(
      '`alter table "evil""; drop table public.victims; --" add foreign key (owner_id) references auth.users (id) on delete cascade not valid`',
    );
    expect(messages['rls-policy-always-true']?.join('\n')).toContain('`user_id = (select auth.uid())`');
    expect(messages['unindexed-foreign-key']?.join('\n')).toContain('`create index concurrently on "Posts" ("authorRef");`');
    expect(messages['policy-column-unindexed']?.join('\n')).toContain('`create index concurrently on "Posts" ("authorRef");`');
    expect(messages['lookup-column-not-unique']?.join('\n')).toContain('`create unique index concurrently on "Posts" ("authorRef");`');
    expect(messages['security-definer-without-search-path']?.join('\n')).toContain(
      '`alter function public."Mixed" set search_path = \'\'`',
    );
    // No suggested SQL names a table or column without its quotes.
    const suggested = Object.values(messages)
      .flat()
      .flatMap((m) => m.match(/`[^`]*`/g) ?? []);
    for (const code of suggested) expect(code).not.toMatch(/\b(on|table) (evil|User|Posts)\b/);
  });
});

describe('SQL parse errors', () => {
  it('name the line of the bad token when it starts a line', () => {
    const error = (() => {
      try {
        parseSqlStatements('select 1;\nbogus 2;\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SqlParseError);
    expect((error as SqlParseError).line).toBe(2);
    const midLine = (() => {
      try {
        parseSqlStatements('select 1;\n\nselect 1 bogus bogus;');
      } catch (e) {
        return e as SqlParseError;
      }
    })();
    expect(midLine?.line).toBe(3);
  });
});
