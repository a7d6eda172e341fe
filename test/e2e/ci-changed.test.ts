import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, git, gitInit, runAsync, tempDir, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const OLD_SECRET = `export const stripeKey = 'sk_live_${'4'.repeat(24)}';\n`;

/** main: a server-side OpenAI client, a client widget that does not use it, and an old hard-coded key. */
function appOnMain(): string {
  const dir = writeTree({
    'package.json': JSON.stringify({ name: 'app', dependencies: { next: '15.0.0', react: '19.0.0', openai: '4.0.0' } }),
    'package-lock.json': '{}',
    'lib/ai.ts': "import OpenAI from 'openai';\n\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
    'lib/legacy.ts': OLD_SECRET,
    'app/page.tsx': "import { Widget } from '../components/Widget';\n\nexport default function Page() {\n  return <Widget />;\n}\n",
    'components/Widget.tsx': "'use client';\n\nexport function Widget() {\n  return <button>Ask</button>;\n}\n",
  });
  return gitInit(dir);
}

let repo: string;
beforeAll(() => {
  repo = appOnMain();
  git(repo, 'checkout', '-q', '-b', 'feature');
  // The change: the client widget now imports the server module, which ships the OpenAI key's use to the browser.
  writeFileSync(
    path.join(repo, 'components/Widget.tsx'),
    "'use client';\nimport { openai } from '../lib/ai';\n\nexport function Widget() {\n  return <button onClick={() => openai.models.list()}>Ask</button>;\n}\n",
  );
  git(repo, 'commit', '-q', '-am', 'widget asks openai');
});

const json = async (args: string[]) => {
  const result = await runAsync(['scan', repo, '--format', 'json', ...args]);
  return { ...result, report: JSON.parse(result.stdout) };
};

describe('scan --changed-since', () => {
  it('reports the old secret a changed import makes reachable from browser code, and hides and counts the rest', async () => {
    const all = (await json(['--fail-on', 'none'])).report.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    expect(all).toContain('hardcoded-secret lib/legacy.ts');
    expect(all).toContain('secret-in-client-code lib/ai.ts');

    const { code, report } = await json(['--changed-since', 'main']);
    const shown = report.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    // lib/ai.ts did not change, but the import chain that makes it browser code runs through a file that did.
    expect(shown).toContain('secret-in-client-code lib/ai.ts');
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'secret-in-client-code').message).toContain(
      'lib/ai.ts ← components/Widget.tsx',
    );
    expect(shown).not.toContain('hardcoded-secret lib/legacy.ts');
    expect(report.summary.outsideChange).toBe(all.length - shown.length);
    expect(report.summary.outsideChange).toBeGreaterThan(0);
    expect(code).toBe(1);

    const text = (await runAsync(['scan', repo, '--changed-since', 'main'])).stdout;
    expect(text).toMatch(new RegExp(`· ${all.length - shown.length} outside the change hidden ·`));
  });

  it('counts uncommitted and new files as changed', async () => {
    const dir = appOnMain();
    writeFileSync(path.join(dir, 'lib/new.ts'), OLD_SECRET.replace('stripeKey', 'otherKey').replace(/4/g, '7'));
    const report = JSON.parse((await runAsync(['scan', dir, '--format', 'json', '--changed-since', 'HEAD'])).stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['lib/new.ts']);
  });

  it('in an app that is a folder of the repository, compares paths from that folder', async () => {
    const repoRoot = tempDir();
    writeTree(
      { 'package.json': '{"name":"web","dependencies":{"next":"15.0.0"}}', 'package-lock.json': '{}', 'lib/old.ts': OLD_SECRET },
      path.join(repoRoot, 'web'),
    );
    gitInit(repoRoot);
    writeFileSync(path.join(repoRoot, 'web/lib/new.ts'), OLD_SECRET.replace(/4/g, '9'));
    writeFileSync(path.join(repoRoot, 'notes.txt'), 'outside the app\n');
    const report = JSON.parse((await runAsync(['scan', path.join(repoRoot, 'web'), '--format', 'json', '--changed-since', 'HEAD'])).stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['lib/new.ts']);
    expect(report.summary.outsideChange).toBe(1);
  });

  it('with --staged, reports only findings in staged files', async () => {
    const dir = appOnMain();
    writeFileSync(path.join(dir, 'lib/staged.ts'), OLD_SECRET.replace(/4/g, '5'));
    writeFileSync(path.join(dir, 'lib/unstaged.ts'), OLD_SECRET.replace(/4/g, '6'));
    git(dir, 'add', 'lib/staged.ts');
    const report = JSON.parse((await runAsync(['scan', dir, '--format', 'json', '--staged'])).stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['lib/staged.ts']);
    expect((await runAsync(['scan', dir, '--staged', '--fail-on', 'high'])).code).toBe(1);
    git(dir, 'commit', '-q', '-m', 'staged');
    expect((await runAsync(['scan', dir, '--staged', '--fail-on', 'high'])).code).toBe(0);
  });

  it('refuses, with exit 2 and a hint, a ref git does not know, a folder outside git, and a shallow clone without the ref', async () => {
    const bad = await runAsync(['scan', repo, '--changed-since', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^shipshape: --changed-since no-such-branch: git knows no commit by that name\nhint: /);

    const plain = writeTree({ 'package.json': '{"name":"plain"}' });
    const outside = await runAsync(['scan', plain, '--changed-since', 'main']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^shipshape: --changed-since needs a git repository, and .* is not in one/);
    expect(outside.stderr).toContain('hint: ');
    expect((await runAsync(['scan', plain, '--staged'])).code).toBe(2);

    const first = git(repo, 'rev-list', '--max-parents=0', 'HEAD').trim();
    const shallow = path.join(tempDir(), 'shallow');
    git(repo, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, shallow);
    const cut = await runAsync(['scan', shallow, '--changed-since', first]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(`this is a shallow clone and ${first} is not in it`);
    expect(cut.stderr).toContain('fetch-depth: 0');

    expect((await runAsync(['scan', repo, '--changed-since', 'main', '--staged'])).code).toBe(2);
  });
});
