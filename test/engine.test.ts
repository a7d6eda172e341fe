import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyChanges, applyWithJournal, undoLast } from '../src/engine/apply.ts';
import { Changeset, addedTodos, diskReader } from '../src/engine/changeset.ts';
import { displayDiff, unifiedDiff } from '../src/engine/diff.ts';
import { isSuppressed } from '../src/engine/suppressions.ts';
import { maskSecret, redact, redactLine, redactText } from '../src/report/redact.ts';
import { toUriReference } from '../src/report/sarif.ts';
import { cleanTempDirs, gitInit, readTree, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

describe('Changeset', () => {
  it('plans creates, edits, moves and deletes over the files, and forgets a change that is undone', () => {
    const disk: Record<string, string> = { 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' };
    const changeset = new Changeset((file) => disk[file] ?? null);
    changeset.write('a.ts', 'A');
    changeset.write('new.ts', 'n');
    changeset.move('b.ts', 'lib/b.ts');
    changeset.delete('c.ts');
    changeset.write('a.ts', 'a');
    expect(changeset.read('lib/b.ts')).toBe('b');
    expect(changeset.changes()).toEqual([
      { path: 'b.ts', before: 'b', after: null },
      { path: 'c.ts', before: 'c', after: null },
      { path: 'lib/b.ts', before: null, after: 'b' },
      { path: 'new.ts', before: null, after: 'n' },
    ]);
  });

  it('merges a child planned on top of it, keeping the original before-content', () => {
    const parent = new Changeset(() => 'v0');
    parent.write('x', 'v1');
    const child = new Changeset((file) => parent.read(file));
    child.write('x', 'v2');
    child.followUp({ kind: 'command', message: 'npm install' });
    child.followUp({ kind: 'command', message: 'npm install' });
    parent.merge(child);
    expect(parent.changes()).toEqual([{ path: 'x', before: 'v0', after: 'v2' }]);
    expect(parent.followUps).toEqual([{ kind: 'command', message: 'npm install' }]);
  });

  it('finds the TODO(shipshape) comments a change adds, not the ones already there', () => {
    const todos = addedTodos([
      { path: 'a.ts', before: '// TODO(shipshape): old\n', after: '// TODO(shipshape): old\n/* TODO(shipshape): check the caller */\n' },
    ]);
    expect(todos).toEqual([{ file: 'a.ts', line: 2, text: 'check the caller' }]);
  });
});

describe('applying changes', () => {
  it('is all or nothing: a failing step restores what was already written and leaves no temporary files', () => {
    const root = writeTree({ 'a.txt': 'a', 'blocker': 'a file where a folder is needed' });
    const before = readTree(root);
    expect(() =>
      applyChanges(root, [
        { path: 'a.txt', before: 'a', after: 'A' },
        { path: 'blocker/inside.txt', before: null, after: 'x' },
      ]),
    ).toThrow();
    expect(readTree(root)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['a.txt', 'blocker']);
  });

  it('refuses when a file changed on disk after planning', () => {
    const root = writeTree({ 'a.txt': 'edited meanwhile' });
    expect(() => applyChanges(root, [{ path: 'a.txt', before: 'a', after: 'A' }])).toThrow(/changed on disk/);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('edited meanwhile');
  });

  it('keeps the file mode, journals the originals and undoes creates, edits and deletes', () => {
    const root = writeTree({ 'run.sh': '#!/bin/sh\necho a\n', 'gone.txt': 'bye' });
    execFileSync('chmod', ['755', path.join(root, 'run.sh')]);
    const before = readTree(root);
    applyWithJournal(root, [
      { path: 'run.sh', before: '#!/bin/sh\necho a\n', after: '#!/bin/sh\necho b\n' },
      { path: 'gone.txt', before: 'bye', after: null },
      { path: 'src/new.ts', before: null, after: 'export {};\n' },
    ], 'test');
    expect(execFileSync('stat', ['-c', '%a', path.join(root, 'run.sh')], { encoding: 'utf8' }).trim()).toBe('755');
    expect(readTree(root)).toEqual({ 'run.sh': '#!/bin/sh\necho b\n', 'src/new.ts': 'export {};\n' });
    const result = undoLast(root, false);
    expect(result.restored.sort()).toEqual(['gone.txt', 'run.sh', 'src/new.ts']);
    expect(readTree(root)).toEqual(before);
  });
});

describe('unified diffs', () => {
  it('are accepted by git apply for edits, creates and deletes', () => {
    const root = gitInit(writeTree({ 'keep.txt': 'one\ntwo\nthree\n', 'old.txt': 'old\n', 'no-newline.txt': 'x' }));
    const changes = [
      { path: 'keep.txt', before: 'one\ntwo\nthree\n', after: 'one\n2\nthree\n' },
      { path: 'old.txt', before: 'old\n', after: null },
      { path: 'dir/new.txt', before: null, after: 'fresh\n' },
      { path: 'no-newline.txt', before: 'x', after: 'y' },
    ];
    const diff = unifiedDiff(changes);
    expect(diff).toContain('new file mode 100644\n--- /dev/null\n+++ b/dir/new.txt\n@@ -0,0 +1,1 @@');
    expect(diff).toContain('deleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n@@ -1,1 +0,0 @@');
    writeFileSync(path.join(root, 'patch.diff'), diff);
    execFileSync('git', ['apply', 'patch.diff'], { cwd: root });
    expect(readTree(root, (rel) => rel.startsWith('.git/') || rel === 'patch.diff')).toEqual({ 'keep.txt': 'one\n2\nthree\n', 'dir/new.txt': 'fresh\n', 'no-newline.txt': 'y' });
  });
});

describe('diffs shown in the wizard', () => {
  it('mask credential-shaped values but keep the change readable', () => {
    const diff = unifiedDiff([{ path: 'next.config.js', before: "const key = 'sk_live_0123456789abcdefghij';\nconst a = 1;\n", after: "const key = 'sk_live_0123456789abcdefghij';\nconst a = 2;\n" }]);
    const shown = displayDiff(diff, false);
    expect(diff).toContain('sk_live_0123456789abcdefghij');
    expect(shown).not.toContain('sk_live_0123456789abcdefghij');
    expect(shown).toContain(" const key = 'sk_liv…(28 chars)';\n-const a = 1;\n+const a = 2;");
  });
});

describe('redaction and suppression', () => {
  it('shows a secret as its prefix and length only', () => {
    expect(maskSecret('sk_live_0123456789abcdefghij')).toBe('sk_liv…(28 chars)');
    expect(maskSecret('short')).toBe('…(5 chars)');
    expect(redact('key=sk_live_0123456789abcdefghij!', ['sk_live_0123456789abcdefghij'])).toBe('key=sk_liv…(28 chars)!');
    expect(redactLine('export API_KEY="abcdefghijklmnopqrstuvwxyz" # prod', '.env')).toBe('export API_KEY="abcdef…(26 chars)" # prod');
    expect(redactLine('EMPTY=', '.env')).toBe('EMPTY=');
  });

  it('masks values shaped like credentials wherever a line is shown', () => {
    const line = (text: string) => redactText(text);
    expect(line("new Stripe('sk_live_51HxAbcdefghijklmnop')")).toBe("new Stripe('sk_liv…(28 chars)')");
    expect(line('OPENAI=sk-proj-abcdefghijklmnopqrstuvwxyz')).toBe('OPENAI=sk-pro…(34 chars)');
    expect(line('aws AKIAABCDEFGHIJKLMNOP here')).toBe('aws AKIAAB…(20 chars) here');
    expect(line("url = 'postgres://app:s3cr3t-pw@db.example.com/app'")).toBe("url = 'postgres://app:…(9 chars)@db.example.com/app'");
    expect(line('const apiKey = "abcd1234efgh5678";')).toBe('const apiKey = "abcd12…(16 chars)";');
    expect(line("const title = 'Hello world, this is fine';")).toBe("const title = 'Hello world, this is fine';");
  });

  it('recognises shipshape-ignore comments in JS, SQL and env files, on the line or the line above', () => {
    const lines = ['// shipshape-ignore a-rule -- why', 'x', 'y -- shipshape-ignore b-rule, c-rule', '# shipshape-ignore d-rule'];
    expect(isSuppressed(lines, 2, 'a-rule')).toBe(true);
    expect(isSuppressed(lines, 3, 'c-rule')).toBe(true);
    expect(isSuppressed(lines, 2, 'b-rule')).toBe(false);
    expect(isSuppressed(lines, 4, 'd-rule')).toBe(true);
  });

  it('percent-encodes SARIF uris', () => {
    expect(toUriReference('pages/api/tasks/[id].ts')).toBe('pages/api/tasks/%5Bid%5D.ts');
    expect(toUriReference('app/(shop)/my page.tsx')).toBe('app/(shop)/my%20page.tsx');
  });
});

describe('diskReader', () => {
  it('reads files and answers null for missing ones', () => {
    const root = writeTree({ 'a.txt': 'a' });
    mkdirSync(path.join(root, 'dir'));
    const read = diskReader(root);
    expect(read('a.txt')).toBe('a');
    expect(read('missing.txt')).toBeNull();
  });
});
