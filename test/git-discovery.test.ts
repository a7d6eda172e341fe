import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cleanTempDirs, gitInit, tempDir, writeTree } from './helpers.ts';

const gitCalls = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  return {
    ...actual,
    execFileSync: ((...args: Parameters<typeof actual.execFileSync>) => {
      if (args[0] === 'git') gitCalls.count++;
      return actual.execFileSync(...args);
    }) as typeof actual.execFileSync,
  };
});

const { gitTopLevel } = await import('../src/project/git.ts');

afterAll(cleanTempDirs);
afterEach(() => {
  gitCalls.count = 0;
  vi.unstubAllEnvs();
});

describe('gitTopLevel', () => {
  it('answers a folder outside any repository without starting git', () => {
    const dir = writeTree({ 'src/a.ts': 'export {};\n' });
    expect(gitTopLevel(path.join(dir, 'src'))).toBeNull();
    expect(gitCalls.count).toBe(0);
  });

  it('asks git inside a repository, from its root and from a folder below it', () => {
    const root = gitInit(writeTree({ 'apps/web/page.ts': 'export {};\n' }));
    gitCalls.count = 0;
    expect(gitTopLevel(path.join(root, 'apps', 'web'))).toBe(realpathSync(root));
    expect(gitTopLevel(root)).toBe(realpathSync(root));
    expect(gitCalls.count).toBe(2);
  });

  it('asks git when GIT_DIR names a repository, wherever the folder is', () => {
    const repo = gitInit(writeTree({ 'a.ts': 'export {};\n' }));
    const elsewhere = tempDir();
    mkdirSync(path.join(elsewhere, 'sub'));
    gitCalls.count = 0;
    vi.stubEnv('GIT_DIR', path.join(repo, '.git'));
    // Git takes the current folder as the work tree of a GIT_DIR given without GIT_WORK_TREE.
    expect(gitTopLevel(path.join(elsewhere, 'sub'))).toBe(realpathSync(path.join(elsewhere, 'sub')));
    expect(gitCalls.count).toBe(1);
  });
});
