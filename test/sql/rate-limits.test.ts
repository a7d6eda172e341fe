import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, gitInit, runAsync } from '../helpers.ts';

afterAll(cleanTempDirs);

const migrationsIn = (stdout: string) => [...stdout.matchAll(/^-- (\S+\.sql)$/gm)].map((match) => match[1]!.replace(/\d{14}/, '<time>'));

describe('shipshape sql and the rate_limits table', () => {
  it('writes the table and the rate_limit_hit function where add-rate-limit would limit routes of a supabase-js app', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'add-rate-limit', 'supabase', 'input')));
    const result = await runAsync(['sql', app, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(migrationsIn(result.stdout)).toEqual(
      expect.arrayContaining([
        'supabase/migrations/<time>_rate_limits.sql',
        'supabase/rollbacks/<time>_rate_limits.sql',
        'supabase/migrations/<time>_rate_limit_hit.sql',
        'supabase/rollbacks/<time>_rate_limit_hit.sql',
      ]),
    );
    expect(result.stdout).toContain('grant execute on function public.rate_limit_hit(text, integer) to service_role;');
  }, 120_000);

  it('writes the table alone for a pg app, and nothing once the limiter and its migration are there', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'add-rate-limit', 'pg', 'input')));
    const before = await runAsync(['sql', app, '--dry-run']);
    // Where `sql` puts a plain layout's migrations is its own affair: only the names matter here.
    expect(
      migrationsIn(before.stdout)
        .filter((file) => file.includes('rate_limit'))
        .map((file) => path.posix.basename(file)),
    ).toEqual(['<time>_rate_limits.sql', '<time>_rate_limits.sql']);
    const fixed = gitInit(copyFixture(path.join(FIXTURES, 'add-rate-limit', 'pg', 'output')));
    const after = await runAsync(['sql', fixed, '--dry-run']);
    expect(migrationsIn(after.stdout).filter((file) => file.includes('rate_limit'))).toEqual([]);
  }, 120_000);

  it("names the module the fix writes beside a project's own rate-limit module: rate-limit-db", async () => {
    const app = copyFixture(path.join(FIXTURES, 'add-rate-limit', 'pg', 'input'));
    cpSync(
      path.join(FIXTURES, 'add-rate-limit', 'beside-in-memory-module', 'input', 'lib', 'rate-limit.ts'),
      path.join(app, 'lib', 'rate-limit.ts'),
    );
    const result = await runAsync(['sql', gitInit(app), '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('the table behind lib/rate-limit-db.ts');
    expect(result.stdout).not.toContain('the table behind lib/rate-limit.ts');
  }, 120_000);
});
