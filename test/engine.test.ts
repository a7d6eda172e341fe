import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyWithJournal, ignoreStateDir, undoLast } from '../src/engine/apply.ts';
import { addPrismaIndexes } from '../src/sql/prisma-schema-edit.ts';
import { Changeset, addedTodos, diskReader } from '../src/engine/changeset.ts';
import { displayDiff, unifiedDiff } from '../src/engine/diff.ts';
import { isSuppressed } from '../src/engine/suppressions.ts';
import { maskSecret, redact, redactLine, redactText } from '../src/secrets/redact.ts';
import { toUriReference } from '../src/report/sarif.ts';
import { UsageError } from '../src/errors.ts';
import { statementInList } from '../src/engine/ast.ts';
import { parseSource } from '../src/engine/parse.ts';
import { forEachNode } from '../src/engine/walk.ts';
import { checksums, cleanTempDirs, gitInit, readTree, tempDir, writeTree } from './helpers.ts';

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

const LATIN1 = Buffer.from('// Caf\xe9 cr\xe8me\nexport const menu = 1;\n', 'latin1');
const BOM = '\uFEFFexport const title = "Über";\r\nexport const size = 1;\r\n';

describe('lines added to files other than code keep their line endings', () => {
  it('.shipshape/ goes into a CRLF .gitignore as a CRLF line, and into an LF one as an LF line', () => {
    for (const [before, after] of [
      ['node_modules\r\n.env*\r\n', 'node_modules\r\n.env*\r\n.shipshape/\r\n'],
      ['node_modules\r\n.env*', 'node_modules\r\n.env*\r\n.shipshape/\r\n'],
      ['node_modules\n', 'node_modules\n.shipshape/\n'],
    ]) {
      const changeset = new Changeset((file) => (file === '.gitignore' ? before : null));
      ignoreStateDir(changeset);
      expect(changeset.read('.gitignore')).toBe(after);
    }
  });

  it('an @@index goes into a CRLF schema.prisma with CRLF', () => {
    const text = 'model Post {\r\n  id       Int @id\r\n  authorId Int\r\n}\r\n';
    const schema = { tables: [{ schema: 'public', name: 'Post', model: 'Post', fields: { id: 'id', authorId: 'authorId' } }] } as never;
    const out = addPrismaIndexes(text, schema, [
      { table: { schema: 'public', name: 'Post' }, columns: ['authorId'], unique: false },
    ] as never);
    expect(out).toBe('model Post {\r\n  id       Int @id\r\n  authorId Int\r\n\r\n  @@index([authorId])\r\n}\r\n');
  });
});

describe('applying changes', () => {
  it('is all or nothing: a failing step restores what was already written and leaves no temporary files or journal', () => {
    const root = writeTree({ 'a.txt': 'a', blocker: 'a file where a folder is needed' });
    const before = checksums(root);
    expect(() =>
      applyWithJournal(
        root,
        [
          { path: 'a.txt', before: 'a', after: 'A' },
          { path: 'blocker/inside.txt', before: null, after: 'x' },
        ],
        'test',
      ),
    ).toThrow();
    expect(checksums(root)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['.shipshape', 'a.txt', 'blocker']);
    expect(readdirSync(path.join(root, '.shipshape', 'undo'))).toEqual([]);
  });

  it('refuses when a file changed on disk after planning', () => {
    const root = writeTree({ 'a.txt': 'edited meanwhile' });
    expect(() => applyWithJournal(root, [{ path: 'a.txt', before: 'a', after: 'A' }], 'test')).toThrow(/changed on disk/);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('edited meanwhile');
  });

  it('keeps the file mode, journals the originals and undoes creates, edits and deletes', () => {
    const root = writeTree({ 'run.sh': '#!/bin/sh\necho a\n', 'gone.txt': 'bye' });
    execFileSync('chmod', ['755', path.join(root, 'run.sh')]);
    const before = readTree(root);
    applyWithJournal(
      root,
      [
        { path: 'run.sh', before: '#!/bin/sh\necho a\n', after: '#!/bin/sh\necho b\n' },
        { path: 'gone.txt', before: 'bye', after: null },
        { path: 'src/new.ts', before: null, after: 'export {};\n' },
      ],
      'test',
    );
    expect(execFileSync('stat', ['-c', '%a', path.join(root, 'run.sh')], { encoding: 'utf8' }).trim()).toBe('755');
    expect(readTree(root)).toEqual({ 'run.sh': '#!/bin/sh\necho b\n', 'src/new.ts': 'export {};\n' });
    const result = undoLast(root, false);
    expect(result.restored.sort()).toEqual(['gone.txt', 'run.sh', 'src/new.ts']);
    expect(readTree(root)).toEqual(before);
    expect(existsSync(path.join(root, 'src'))).toBe(false);
  });

  it('undo restores every file byte for byte: BOM, CRLF, modes, and folders it created or emptied', () => {
    const root = writeTree({ 'bom.ts': BOM, 'pages/old.tsx': 'old\n', 'keep/legacy.js': '' });
    writeFileSync(path.join(root, 'keep/legacy.js'), LATIN1);
    execFileSync('chmod', ['600', path.join(root, 'pages/old.tsx')]);
    const before = checksums(root);
    const read = diskReader(root);
    const bom = read('bom.ts')!;
    expect(bom.startsWith('\uFEFF')).toBe(true);
    applyWithJournal(
      root,
      [
        { path: 'bom.ts', before: bom, after: bom.replace('size = 1', 'size = 2') },
        { path: 'pages/old.tsx', before: 'old\n', after: null },
        { path: 'app/old/page.tsx', before: null, after: 'new\n' },
      ],
      'test',
    );
    expect(readFileSync(path.join(root, 'bom.ts')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(path.join(root, 'bom.ts'), 'utf8')).toContain('size = 2;\r\n');
    expect(existsSync(path.join(root, 'pages'))).toBe(false);
    undoLast(root, false);
    expect(checksums(root)).toEqual(before);
    expect(existsSync(path.join(root, 'app'))).toBe(false);
  });

  it('keeps the backups as raw bytes in a .shipshape/ only its owner can read', () => {
    const root = writeTree({ 'a.txt': 'é\n' });
    const journal = applyWithJournal(root, [{ path: 'a.txt', before: 'é\n', after: 'e\n' }], 'test');
    expect(statSync(path.join(root, '.shipshape')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(root, journal, 'files/0'))).toEqual(Buffer.from('é\n'));
    expect(JSON.parse(readFileSync(path.join(root, journal, 'journal.json'), 'utf8')).state).toBe('applied');
  });
});

describe('files shipshape must not edit', () => {
  it('a file that is not UTF-8 is refused before any edit, and its bytes stay as they are', () => {
    const root = writeTree({});
    writeFileSync(path.join(root, 'menu.ts'), LATIN1);
    expect(() => diskReader(root)('menu.ts')).toThrow(/menu.ts is not UTF-8: shipshape never re-encodes a file/);
    const lossy = LATIN1.toString('utf8');
    expect(() => applyWithJournal(root, [{ path: 'menu.ts', before: lossy, after: lossy.replace('1', '2') }], 'test')).toThrow(/not UTF-8/);
    expect(readFileSync(path.join(root, 'menu.ts'))).toEqual(LATIN1);
  });

  it('a symbolic link is never read through nor replaced, and nothing is written through a folder linked out of the root', () => {
    const outside = writeTree({ 'ext.ts': 'outside\n', 'lib/x.ts': 'x\n' });
    const root = writeTree({ 'real.ts': 'real\n' });
    symlinkSync(path.join(outside, 'ext.ts'), path.join(root, 'ext.ts'));
    symlinkSync('real.ts', path.join(root, 'alias.ts'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'lib'));
    const read = diskReader(root);
    expect(() => read('ext.ts')).toThrow(/symbolic link/);
    expect(() => read('alias.ts')).toThrow(/symbolic link/);
    expect(() => read('lib/x.ts')).toThrow(/outside the project/);
    expect(() => applyWithJournal(root, [{ path: 'alias.ts', before: 'real\n', after: 'changed\n' }], 'test')).toThrow(/symbolic link/);
    expect(() => applyWithJournal(root, [{ path: 'lib/x.ts', before: 'x\n', after: 'changed\n' }], 'test')).toThrow(/outside the project/);
    expect(() => applyWithJournal(root, [{ path: '../escape.txt', before: null, after: 'x' }], 'test')).toThrow(/outside the project/);
    expect(lstatSync(path.join(root, 'alias.ts')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'real.ts'), 'utf8')).toBe('real\n');
    expect(readFileSync(path.join(outside, 'lib/x.ts'), 'utf8')).toBe('x\n');
    expect(existsSync(path.join(root, '..', 'escape.txt'))).toBe(false);
  });
});

describe('undo refuses a journal it cannot trust', () => {
  const planted = (edit: (journal: Record<string, any>, dir: string) => void) => {
    const root = writeTree({ 'a.txt': 'a\n' });
    const rel = applyWithJournal(root, [{ path: 'a.txt', before: 'a\n', after: 'A\n' }], 'test');
    const dir = path.join(root, rel);
    const journal = JSON.parse(readFileSync(path.join(dir, 'journal.json'), 'utf8'));
    edit(journal, dir);
    writeFileSync(path.join(dir, 'journal.json'), JSON.stringify(journal));
    return root;
  };

  it.each([
    [
      'a path that leaves the root',
      (j: Record<string, any>) => (j.entries[0].path = '../escape.txt'),
      /"..\/escape.txt" is not a path inside the project/,
    ],
    ['an absolute path', (j: Record<string, any>) => (j.entries[0].path = '/tmp/escape.txt'), /not a path inside the project/],
    ['a path into .git', (j: Record<string, any>) => (j.entries[0].path = '.git/hooks/pre-commit'), /not a path inside the project/],
    [
      'a backup outside the journal',
      (j: Record<string, any>) => (j.entries[0].backup = '../../../.env.local'),
      /entries\/0\/backup must match pattern/,
    ],
    ['a temporary file elsewhere', (j: Record<string, any>) => (j.entries[0].temp = '../x.tmp'), /is not a temporary file of a.txt/],
    ['an unknown field', (j: Record<string, any>) => (j.extra = 1), /must NOT have additional properties/],
    [
      'a backup that is a link',
      (_j: Record<string, any>, dir: string) => {
        rmSync(path.join(dir, 'files/0'));
        symlinkSync('../../../../.env.local', path.join(dir, 'files/0'));
      },
      /the backup of a.txt cannot be read/,
    ],
    [
      'a backup that was changed',
      (_j: Record<string, any>, dir: string) => writeFileSync(path.join(dir, 'files/0'), 'SECRET=1\n'),
      /does not match its hash/,
    ],
  ])('%s', (_name, edit, message) => {
    const root = planted(edit);
    expect(() => undoLast(root, true)).toThrow(message);
    expect(() => undoLast(root, true)).toThrow(UsageError);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('A\n');
    expect(existsSync(path.join(root, '..', 'escape.txt'))).toBe(false);
  });

  it('a .shipshape that is a link or a file', () => {
    const linked = writeTree({ 'a.txt': 'a' });
    symlinkSync(tempDir(), path.join(linked, '.shipshape'));
    expect(() => undoLast(linked, false)).toThrow(/\.shipshape is a symbolic link/);
    expect(() => applyWithJournal(linked, [{ path: 'a.txt', before: 'a', after: 'b' }], 'test')).toThrow(/\.shipshape is a symbolic link/);
    const file = writeTree({ 'a.txt': 'a', '.shipshape': 'x' });
    expect(() => applyWithJournal(file, [{ path: 'a.txt', before: 'a', after: 'b' }], 'test')).toThrow(
      /\.shipshape is a file, not a folder/,
    );
    expect(readFileSync(path.join(file, 'a.txt'), 'utf8')).toBe('a');
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
    expect(readTree(root, (rel) => rel.startsWith('.git/') || rel === 'patch.diff')).toEqual({
      'keep.txt': 'one\n2\nthree\n',
      'dir/new.txt': 'fresh\n',
      'no-newline.txt': 'y',
    });
  });
});

describe('diffs shown in the wizard', () => {
  it('mask credential-shaped values but keep the change readable', () => {
    const diff = unifiedDiff([
      {
        path: 'next.config.js',
        before: "const key = 'sk_live_0123456789abcdefghij';\nconst a = 1;\n",
        after: "const key = 'sk_live_0123456789abcdefghij';\nconst a = 2;\n",
      },
    ]);
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

describe('statementInList', () => {
  const statementAround = (source: string, name: string) => {
    let found: string | null = null;
    forEachNode(parseSource('x.ts', source), (node, ancestors) => {
      if (node.type === 'Identifier' && node.name === name) {
        const statement = statementInList([...ancestors, node]);
        found = statement ? source.slice(statement.start!, statement.end!) : null;
      }
    });
    return found;
  };

  it('finds the statement of a block, a case or the program that holds a node, not the switch around a case', () => {
    expect(statementAround('function f() { if (a) { const x = call(target); } }', 'target')).toBe('const x = call(target);');
    expect(statementAround("switch (kind) { case 'a': save(target); break; }", 'target')).toBe('save(target);');
    expect(statementAround('export const value = target + 1;', 'target')).toBe('export const value = target + 1;');
    // A case's test is no statement: the switch holds it.
    expect(statementAround('switch (kind) { case target: break; }', 'target')).toBe('switch (kind) { case target: break; }');
  });
});
