import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { gitTopLevel } from '../src/project/git.ts';
import { cleanTempDirs, gitInit, tempDir, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);
afterEach(() => vi.unstubAllEnvs());

/** A `git` first on PATH that notes each start in a log, then runs the real one. */
let log = '';
let counting: string;
beforeAll(() => {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  counting = tempDir('shipshape-git-');
  log = path.join(counting, 'starts.log');
  writeFileSync(path.join(counting, 'git'), `#!/bin/sh\necho started >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(counting, 'git'), 0o755);
});

function gitStarts(run: () => void): number {
  writeFileSync(log, '');
  vi.stubEnv('PATH', `${counting}${path.delimiter}${process.env.PATH}`);
  run();
  vi.unstubAllEnvs();
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

describe('gitTopLevel', () => {
  it('answers a folder outside any repository without starting git', () => {
    const dir = writeTree({ 'src/a.ts': 'export {};\n' });
    expect(gitStarts(() => expect(gitTopLevel(path.join(dir, 'src'))).toBeNull())).toBe(0);
  });

  it('asks git inside a repository, from its root and from a folder below it', () => {
    const root = gitInit(writeTree({ 'apps/web/page.ts': 'export {};\n' }));
    const starts = gitStarts(() => {
      expect(gitTopLevel(path.join(root, 'apps', 'web'))).toBe(realpathSync(root));
      expect(gitTopLevel(root)).toBe(realpathSync(root));
    });
    expect(starts).toBe(2);
  });

  it('asks git when GIT_DIR names a repository, wherever the folder is', () => {
    const repo = gitInit(writeTree({ 'a.ts': 'export {};\n' }));
    const elsewhere = tempDir();
    mkdirSync(path.join(elsewhere, 'sub'));
    vi.stubEnv('GIT_DIR', path.join(repo, '.git'));
    // Git takes the current folder as the work tree of a GIT_DIR given without GIT_WORK_TREE.
    const starts = gitStarts(() => expect(gitTopLevel(path.join(elsewhere, 'sub'))).toBe(realpathSync(path.join(elsewhere, 'sub'))));
    expect(starts).toBe(1);
  });
});
