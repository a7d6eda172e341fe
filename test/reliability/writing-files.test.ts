import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, answerVitest, checksums, cleanTempDirs, git, gitInit, runAsync, spawnAsync, tempDir, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const LATIN1 = Buffer.from('// Caf\xe9 cr\xe8me br\xfbl\xe9e\nexport const menu = 1;\n', 'latin1');
const BOM = '\uFEFFexport const title = "Über";\r\nexport const size = 1;\r\n';
const PAGE = (text: string) => `export default function Page() {\n  return <p>${text}</p>;\n}\n`;

/** An app `fix --yes` changes in a few files, with a file in Latin-1 and one with a BOM it must not alter. */
function fixableApp(): string {
  const dir = writeTree({
    'package.json': JSON.stringify({
      name: 'app',
      private: true,
      dependencies: { '@supabase/supabase-js': '^2.43.4', next: '14.2.3', react: '^18.3.1' },
    }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', paths: { '@/*': ['./*'] } } }),
    '.gitignore': 'node_modules\n',
    'lib/supabase.ts':
      "import { createClient } from '@supabase/supabase-js';\n\nexport const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n",
    'pages/index.tsx':
      "import { useEffect, useState } from 'react';\nimport { supabase } from '@/lib/supabase';\n\nexport default function Home() {\n  const [tasks, setTasks] = useState<{ id: string }[]>([]);\n  useEffect(() => {\n    supabase.from('tasks').select('*').then(({ data }) => setTasks(data ?? []));\n  }, []);\n  return <ul>{tasks.map((t) => <li key={t.id}>{t.id}</li>)}</ul>;\n}\n",
    'lib/title.ts': BOM,
  });
  writeFileSync(path.join(dir, 'lib/menu.js'), LATIN1);
  return gitInit(dir);
}

/** A Pages Router app small enough to migrate at every step. */
function pagesApp(): string {
  return gitInit(
    writeTree({
      'package.json': JSON.stringify({
        name: 'app',
        private: true,
        dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' },
      }),
      '.gitignore': 'node_modules\n',
      'pages/index.tsx': PAGE('home'),
      'pages/about.tsx': PAGE('about'),
      'pages/blog/post.tsx': PAGE('post'),
    }),
  );
}

/** Temporary files anywhere under root, .shipshape included. */
function strayTemps(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.tmp') || entry.name.startsWith('.pending-')) found.push(path.relative(root, full));
    }
  };
  visit(root);
  return found;
}

async function runKilledAfter(writes: number, args: string[], cwd: string): Promise<{ killed: boolean; code: number | null }> {
  const result = await spawnAsync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', SHIPSHAPE_FAULT_AFTER_WRITES: String(writes) },
  });
  return { killed: result.signal === 'SIGKILL', code: result.code };
}

/** The names a run draws at random (journal folders, temporary files) made equal, with each file's bytes and mode. */
function treeState(root: string): Record<string, string> {
  const random = (rel: string) =>
    rel.replace(/\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f]{4}/g, '<journal>').replace(/shipshape-[0-9a-f]{8}\.tmp/g, 'shipshape-<random>.tmp');
  const state: Record<string, string> = {};
  for (const [rel, sum] of Object.entries(checksums(root))) state[random(rel)] = sum;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = random(path.relative(root, full));
      if (entry.isDirectory()) visit(full);
      // The journal records times and the lock a pid: their presence is what a kill leaves, not their bytes.
      else state[rel] = /\.json($|\.shipshape-)|lock$/.test(rel) ? 'present' : readFileSync(full).toString('base64');
    }
  };
  if (existsSync(path.join(root, '.shipshape'))) visit(path.join(root, '.shipshape'));
  return state;
}

/**
 * After a kill at a write (`tree` is what it left): writing commands refuse to run (checked once, where a journal
 * exists), and `shipshape undo` brings back the old tree, byte for byte.
 */
async function expectUndoRestores(
  tree: string,
  args: string[],
  before: Record<string, string>,
  refusal: { seen: boolean },
  label: string,
): Promise<void> {
  const journals = readdirSync(path.join(tree, '.shipshape', 'undo')).filter((name) => !name.startsWith('.'));
  if (journals.length > 0 && !refusal.seen) {
    const refused = await runAsync(args, { cwd: tree });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^shipshape: an earlier apply was interrupted \(\.shipshape\/undo\/.+ is incomplete\)/);
    expect(refused.stderr).toContain('hint: run `shipshape undo` to roll it back');
    refusal.seen = true;
  }
  const undone = await runAsync(['undo', '.'], { cwd: tree });
  if (journals.length > 0) {
    expect(undone.code, label).toBe(0);
    // Killed after its last write, the apply had finished: undo then undoes it as any other.
    expect(undone.stdout).toMatch(/^(rolled back the interrupted|undid) `shipshape /);
  } else {
    expect(undone.stderr).toContain('nothing to undo');
  }
  expect(checksums(tree), label).toEqual(before);
  expect(strayTemps(tree), label).toEqual([]);
  expect(existsSync(path.join(tree, '.shipshape', 'lock')), label).toBe(false);
  expect(git(tree, 'status', '--porcelain'), label).toBe('');
}

/** Real kills at the first, a middle and the last write: each leaves exactly the tree the copy after that write shows. */
async function expectRealKillsMatchCopies(
  dir: string,
  args: string[],
  copies: string,
  writes: number,
  undoFirst: () => unknown,
): Promise<void> {
  for (const n of [...new Set([1, Math.ceil(writes / 2), writes])]) {
    await answerVitest();
    await undoFirst();
    expect((await runKilledAfter(n, args, dir)).killed, `a real kill at write ${n}`).toBe(true);
    expect(treeState(dir), `a real kill at write ${n}`).toEqual(treeState(path.join(copies, String(n))));
    const again = await runAsync(['undo', '.'], { cwd: dir });
    expect(again.code === 0 || again.stderr.includes('nothing to undo'), again.stderr).toBe(true);
  }
}

/**
 * Kills the command right after its n-th write, for every n. One run in this process copies the tree after each
 * write (what a kill -9 there leaves: every write is synchronous), and each copy is then undone; a few real
 * SIGKILLs of the binary prove the copies faithful. Returns the number of writes.
 */
async function killAtEveryWrite(dir: string, args: string[]): Promise<number> {
  const before = checksums(dir);
  const copies = tempDir('shipshape-kills-');
  const completed = await runAsync(args, { cwd: dir, snapshotsTo: copies });
  expect(completed.code, completed.stderr).toBe(0);
  const writes = readdirSync(copies).length;
  expect((await runAsync(['undo', '.'], { cwd: dir })).code).toBe(0);
  expect(checksums(dir)).toEqual(before);
  expect(strayTemps(dir)).toEqual([]);
  await expectRealKillsMatchCopies(dir, args, copies, writes, () => {});
  expect(checksums(dir)).toEqual(before);
  const refusal = { seen: false };
  for (let n = 1; n <= writes; n++) {
    await answerVitest();
    await expectUndoRestores(path.join(copies, String(n)), args, before, refusal, `after a kill at write ${n}`);
  }
  expect(refusal.seen).toBe(true);
  return writes;
}

describe('a kill -9 at any write leaves a tree that undo brings back byte for byte', () => {
  it('fix --yes', async () => {
    const dir = fixableApp();
    const steps = await killAtEveryWrite(dir, ['fix', '.', '--yes']);
    expect(steps).toBeGreaterThanOrEqual(8);
  }, 600_000);

  it('migrate app-router --yes: never pages/ and app/ serving the same routes after undo', async () => {
    const dir = pagesApp();
    const steps = await killAtEveryWrite(dir, ['migrate', 'app-router', '--yes']);
    expect(steps).toBeGreaterThanOrEqual(12);
    expect(existsSync(path.join(dir, 'app'))).toBe(false);
  }, 600_000);

  it('undo itself, killed at any write, finishes on the next undo', async () => {
    const dir = fixableApp();
    const before = checksums(dir);
    const copies = tempDir('shipshape-kills-');
    expect((await runAsync(['fix', '.', '--yes'], { cwd: dir })).code).toBe(0);
    expect((await runAsync(['undo', '.'], { cwd: dir, snapshotsTo: copies })).code).toBe(0);
    expect(checksums(dir)).toEqual(before);
    const writes = readdirSync(copies).length;
    expect(writes).toBeGreaterThanOrEqual(4);
    await expectRealKillsMatchCopies(dir, ['undo', '.'], copies, writes, async () =>
      expect((await runAsync(['fix', '.', '--yes'], { cwd: dir })).code).toBe(0),
    );
    for (let n = 1; n <= writes; n++) {
      await answerVitest();
      const tree = path.join(copies, String(n));
      // Killed after its last write, the undo had finished: there is nothing left to undo.
      const again = await runAsync(['undo', '.'], { cwd: tree });
      expect(again.code === 0 || again.stderr.includes('nothing to undo'), again.stderr).toBe(true);
      expect(checksums(tree), `after a kill at write ${n} of undo`).toEqual(before);
      expect(strayTemps(tree)).toEqual([]);
    }
  }, 600_000);

  it('scan warns about an interrupted apply and still scans', async () => {
    const dir = fixableApp();
    expect((await runKilledAfter(6, ['fix', '.', '--yes'], dir)).killed).toBe(true);
    const scanned = await runAsync(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(scanned.stderr).toMatch(/warning: an earlier apply was interrupted \(.+ is incomplete\).*run `shipshape undo` to roll it back/);
    expect(JSON.parse(scanned.stdout).findings.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('files shipshape must not change', () => {
  it('a file that is not UTF-8 keeps its bytes through fix; undo restores the rest byte for byte', async () => {
    const dir = writeTree({ 'package.json': '{"name":"x"}', 'next.config.js': '' });
    writeFileSync(
      path.join(dir, 'next.config.js'),
      Buffer.from('module.exports = {\n  // r\xe9sum\xe9\n  typescript: { ignoreBuildErrors: true },\n};\n', 'latin1'),
    );
    gitInit(dir);
    const before = checksums(dir);
    const { code, stdout } = await runAsync(['fix', dir, '--yes', '--all']);
    expect(code).toBe(0);
    expect(stdout).toContain('next.config.js: next.config.js is not UTF-8: shipshape never re-encodes a file');
    expect(checksums(dir)).toEqual(before);
  });

  it('a link out of the project is skipped by the listing and never followed; a link inside is never replaced', async () => {
    const outside = writeTree({ 'ext.ts': "export const key = 'sk_live_51Habc0123456789abcdefghijklmnopqrstuvwxyz';\n" });
    for (const inGit of [true, false]) {
      const dir = writeTree({
        'package.json': '{"name":"x"}',
        'next.config.js': 'module.exports = {\n  typescript: { ignoreBuildErrors: true },\n};\n',
      });
      symlinkSync(path.join(outside, 'ext.ts'), path.join(dir, 'ext.ts'));
      symlinkSync('next.config.js', path.join(dir, 'next.config.mjs'));
      if (inGit) gitInit(dir);
      const scanned = JSON.parse((await runAsync(['scan', dir, '--format', 'json'])).stdout);
      expect(scanned.skipped).toContainEqual({ path: 'ext.ts', reason: 'symlink outside the project' });
      expect(scanned.findings.some((f: { file: string }) => f.file === 'ext.ts')).toBe(false);
      const before = checksums(outside);
      expect((await runAsync(['fix', dir, '--yes', '--all', '--allow-dirty'])).code).toBe(0);
      expect(checksums(outside)).toEqual(before);
      expect(lstatSync(path.join(dir, 'ext.ts')).isSymbolicLink()).toBe(true);
      expect(lstatSync(path.join(dir, 'next.config.mjs')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path.join(dir, 'next.config.mjs'))).toBe('next.config.js');
      expect(readFileSync(path.join(dir, 'next.config.js'), 'utf8')).not.toContain('ignoreBuildErrors: true');
      expect((await runAsync(['undo', dir])).code).toBe(0);
      expect(lstatSync(path.join(dir, 'next.config.mjs')).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(dir, 'next.config.js'), 'utf8')).toContain('ignoreBuildErrors: true');
    }
  }, 120_000);
});

describe('the lock', () => {
  it('a second run on the same tree exits 2 while the first holds the lock', async () => {
    // Two runs started together meet at the lock, unless a busy machine delays one until the other has
    // finished: then the second finds nothing left to fix. Either is right; the pair is started again
    // until they meet, and the one that loses must say why and leave the winner's lock alone.
    let met: Array<{ code: number | null; stderr: string }> | null = null;
    for (let attempt = 0; attempt < 5 && !met; attempt++) {
      const dir = fixableApp();
      const start = () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [BIN, 'fix', '.', '--yes'], {
            cwd: dir,
            env: { ...process.env, NO_COLOR: '1', CI: 'true' },
          });
          let stderr = '';
          child.stderr.on('data', (chunk) => (stderr += chunk));
          child.on('close', (code) => resolve({ code, stderr }));
        });
      const results = await Promise.all([start(), start()]);
      expect(existsSync(path.join(dir, '.shipshape', 'lock'))).toBe(false);
      if (results.every((r) => r.code === 0)) {
        expect(
          results.some((r) => r.stderr.includes('Nothing to fix automatically')),
          JSON.stringify(results),
        ).toBe(true);
        continue;
      }
      expect(results.map((r) => r.code).sort(), JSON.stringify(results)).toEqual([0, 2]);
      met = results;
    }
    expect(met, 'the two runs never overlapped in 5 attempts').not.toBeNull();
    const loser = met!.find((r) => r.code === 2)!;
    expect(loser.stderr).toMatch(/^shipshape: another shipshape \(pid \d+\) is working on /);
    expect(loser.stderr).toContain('hint: wait for it to finish');
  }, 120_000);

  it('a lock held by a live process refuses; one whose process is gone is taken over', async () => {
    const dir = fixableApp();
    const sleeper = spawn('sleep', ['60']);
    try {
      writeTree({ '.shipshape/lock': `${sleeper.pid}\n` }, dir);
      const refused = await runAsync(['undo', dir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`another shipshape (pid ${sleeper.pid}) is working on`);
    } finally {
      sleeper.kill('SIGKILL');
    }
    const gone = spawnSync('true').pid;
    writeFileSync(path.join(dir, '.shipshape', 'lock'), `${gone}\n`);
    expect((await runAsync(['fix', dir, '--yes'])).code).toBe(0);
    expect(existsSync(path.join(dir, '.shipshape', 'lock'))).toBe(false);
  }, 120_000);
});
