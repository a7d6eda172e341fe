import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, runAsync, runProcess } from './helpers.ts';

describe('runAsync, the CLI in this thread', () => {
  it('gives the exit code and streams that a real process gives', async () => {
    for (const args of [['--version'], ['scan', '--format', 'yaml'], ['list', '--help']]) {
      const inThread = await runAsync(args);
      expect(inThread, args.join(' ')).toEqual(await runProcess(args));
    }
  }, 180_000);

  it('leaves the test worker free while a command waits: a callback queued before it runs before it ends', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    const refused = await runAsync([
      'sql',
      path.join(FIXTURES, 'apps', 'supabase-app'),
      '--database-url',
      'postgres://nobody@127.0.0.1:1/none',
      '--dry-run',
    ]);
    expect(refused.code).toBe(2);
    expect(turned).toBe(true);
  });
});
