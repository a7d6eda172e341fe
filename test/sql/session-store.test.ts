import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

afterAll(cleanTempDirs);

const migrationsIn = (stdout: string) => [...stdout.matchAll(/^-- (\S+\.sql)$/gm)].map((match) => match[1]!.replace(/\d{14}/, '<time>'));
const fixture = (name: string, tree: 'input' | 'output') => path.join(FIXTURES, 'persist-session-store', name, tree);

describe('shipshape sql and the session_store table', () => {
  it('writes the table and its functions where persist-session-store would replace a map in a supabase-js app', async () => {
    const app = gitInit(copyFixture(fixture('supabase', 'input')));
    const result = await runAsync(['sql', app, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(migrationsIn(result.stdout)).toEqual(
      expect.arrayContaining([
        'supabase/migrations/<time>_session_store.sql',
        'supabase/rollbacks/<time>_session_store.sql',
        'supabase/migrations/<time>_session_store_functions.sql',
        'supabase/rollbacks/<time>_session_store_functions.sql',
      ]),
    );
    expect(result.stdout).toContain('grant execute on function public.session_store_get(text, text) to service_role;');
  }, 120_000);

  it('writes the table alone for a pg app, and nothing once the store and its migration are there', async () => {
    const app = gitInit(copyFixture(fixture('pg', 'input')));
    const before = await runAsync(['sql', app, '--dry-run']);
    expect(
      migrationsIn(before.stdout)
        .filter((file) => file.includes('session_store'))
        .map((file) => path.posix.basename(file)),
    ).toEqual(['<time>_session_store.sql', '<time>_session_store.sql']);
    const fixed = gitInit(copyFixture(fixture('pg', 'output')));
    const after = await runAsync(['sql', fixed, '--dry-run']);
    expect(migrationsIn(after.stdout).filter((file) => file.includes('session_store'))).toEqual([]);
  }, 120_000);

  it('writes no table for a map the fix would leave with a TODO', async () => {
    const app = gitInit(copyFixture(fixture('unclear', 'input')));
    const result = await runAsync(['sql', app, '--dry-run']);
    expect(migrationsIn(result.stdout).filter((file) => file.includes('session_store'))).toEqual([]);
  }, 120_000);
});
