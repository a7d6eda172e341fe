import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanTempDirs, copyFixture, git, gitInit, runAsync, runProcess, tempDir, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const REASON_AND_HINT = /^shipshape: [^\n]+\nhint: [^\n]+\n$/;

const dataAccess = () => gitInit(copyFixture(path.join(FIXTURES, 'apps', 'data-access')));

describe("answers to fixes' questions", () => {
  const app = dataAccess();

  it.each([
    [
      ['fix', '--dry-run', '--option', 'pageSize=-1'],
      '--option pageSize must be a whole number from 1 to 10000, got "-1"',
      'for example --option pageSize=100',
    ],
    [
      ['fix', '--dry-run', '--option', 'pageSize=2.5'],
      '--option pageSize must be a whole number from 1 to 10000, got "2.5"',
      'for example --option pageSize=100',
    ],
    [
      ['fix', '--dry-run', '--option', 'timeoutMs=-1'],
      '--option timeoutMs must be a whole number from 100 to 600000, got "-1"',
      'for example --option timeoutMs=10000',
    ],
    [
      ['fix', '--dry-run', '--option', 'timeoutMs=abc'],
      '--option timeoutMs must be a whole number from 100 to 600000, got "abc"',
      'for example --option timeoutMs=10000',
    ],
    [
      ['transform', 'bound-list-query', '--dry-run', '--option', 'pageSize=0'],
      '--option pageSize must be a whole number from 1 to 10000, got "0"',
      'for example --option pageSize=100',
    ],
  ])('%j is refused with exit 2, naming the key, the range and an example', async (args, reason, hint) => {
    const [command, ...rest] = args as string[];
    const result =
      command === 'transform' ? await runAsync([command, rest[0]!, app, ...rest.slice(1)]) : await runAsync([command!, app, ...rest]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`shipshape: ${reason}\nhint: ${hint}\n`);
    expect(result.stdout).toBe('');
  });

  it('refuses an unknown --option key, naming it and listing the known ones', async () => {
    const fix = await runAsync(['fix', app, '--dry-run', '--option', 'pagesize=50']);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(
      /^shipshape: unknown option "pagesize" \(did you mean "pageSize"\?\)\nhint: known options: .*pageSize \(a whole number from 1 to 10000\).*timeoutMs \(a whole number from 100 to 600000\)/,
    );
    const transform = await runAsync(['transform', 'bound-list-query', app, '--dry-run', '--option', 'timeoutMs=5000']);
    expect(transform.code).toBe(2);
    expect(transform.stderr).toBe(
      'shipshape: unknown option "timeoutMs"\nhint: known options: pageSize (a whole number from 1 to 10000)\n',
    );
  }, 120_000);

  it("validates the configuration's answers against the same ranges", async () => {
    const dir = dataAccess();
    writeTree({ 'shipshape.config.json': JSON.stringify({ answers: { pageSize: -1 } }) }, dir);
    const result = await runAsync(['fix', dir, '--dry-run', '--allow-dirty']);
    expect(result.code).toBe(2);
    expect(
      result.stderr.endsWith(
        'shipshape: answers.pageSize in the configuration must be a whole number from 1 to 10000, got -1\nhint: for example --option pageSize=100\n',
      ),
    ).toBe(true);
  });

  it('applies an answer within range', async () => {
    const result = await runAsync(['fix', app, '--dry-run', '--option', 'pageSize=25']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/take: 25|\.range\(0, 24\)|LIMIT 25/);
    expect(result.stdout).not.toMatch(/LIMIT -1|take: -1/);
  });
});

describe('messages', () => {
  it('gives every exit-2 error one reason line and one hint line', async () => {
    const app = dataAccess();
    const cases = [
      ['scan', path.join(app, 'missing')],
      ['scan', app, '--only', 'no-such-check'],
      ['scan', app, '--workers', 'many'],
      ['scan', app, '--format', 'xml'],
      ['scan', app, '--bogus'],
      ['fix', app],
      ['fix', app, '--dry-run', '--option', 'nokey'],
      ['transform', 'no-such-transform', app],
      ['sql', app, '--layout', 'weird'],
      ['undo', tempDir()],
    ];
    for (const args of cases) {
      const result = await runAsync(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(REASON_AND_HINT);
    }
  }, 300_000);

  it('accepts a UTF-8 byte order mark in package.json, shipshape.config.json and tsconfig.json', async () => {
    const BOM = '\uFEFF';
    const app = gitInit(
      writeTree({
        'package.json': `${BOM}${JSON.stringify({ name: 'bom', dependencies: { next: '14.2.3' } })}`,
        'shipshape.config.json': `${BOM}${JSON.stringify({ disable: ['missing-lockfile'] })}`,
        'tsconfig.json': `${BOM}${JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } })}`,
        'lib/a.ts': "import dayjs from 'dayjs';\nexport const a = dayjs();\n",
      }),
    );
    const result = await runAsync(['scan', app, '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.project.packages[0].name).toBe('bom');
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['undeclared-dependency']);
  });
});

describe('fix --patch', () => {
  it('C-quotes file names with a tab, a newline, a quote, a backslash or non-ASCII bytes, and git apply accepts the patch', async () => {
    const names = ['lib/tab\there.ts', 'lib/new\nline.ts', 'lib/quote"d.ts', 'lib/back\\slash.ts', 'lib/café.ts', 'lib/plain name.ts'];
    const fetchCall =
      "export const load = async () => {\n  const res = await fetch('https://api.vendor.io/items');\n  return res.json();\n};\n";
    const app = gitInit(
      writeTree({
        'package.json': JSON.stringify({ name: 'names', dependencies: { next: '14.2.3' } }),
        'package-lock.json': '{}',
        ...Object.fromEntries(names.map((name) => [name, fetchCall])),
      }),
    );
    const patch = path.join(tempDir(), 'fix.patch');
    const result = await runAsync(['fix', app, '--patch', patch]);
    expect(result.code).toBe(0);
    const text = execFileSync('cat', [patch], { encoding: 'utf8' });
    expect(text).toContain('diff --git "a/lib/tab\\there.ts" "b/lib/tab\\there.ts"');
    expect(text).toContain('+++ "b/lib/new\\nline.ts"');
    expect(text).toContain('--- "a/lib/quote\\"d.ts"');
    expect(text).toContain('"a/lib/back\\\\slash.ts"');
    expect(text).toContain('"a/lib/caf\\303\\251.ts"');
    expect(text).toContain('diff --git a/lib/plain name.ts b/lib/plain name.ts');
    expect(text.match(/^diff --git /gm)).toHaveLength(names.length);
    execFileSync('git', ['apply', '--check', patch], { cwd: app });
    execFileSync('git', ['apply', patch], { cwd: app });
    for (const name of names)
      expect(execFileSync('cat', [path.join(app, name)], { encoding: 'utf8' })).toContain('AbortSignal.timeout(10000)');
  });
});

describe('a scanned repository is data, never code', () => {
  const schema = [
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
    'model User {\n  id    String @id\n  posts Post[]\n}\n',
    'model Post {\n  id       String @id\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n}\n',
  ].join('\n');
  const app = (files: Record<string, string>, pkg: object = {}) =>
    writeTree({
      'package.json': JSON.stringify({ name: 'app', dependencies: { '@prisma/client': '5.14.0' }, ...pkg }),
      'package-lock.json': '{}',
      'prisma/schema.prisma': schema,
      ...files,
    });
  const scanFrom = async (cwd: string) => {
    // In a process of its own: the Prisma parser loads once per process, and loading it is what looked for a configuration.
    const { code, stdout, stderr } = await runProcess(['scan', '.', '--format', 'json'], { cwd });
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout).findings as Array<{ ruleId: string; file: string; line: number }>;
  };

  it("runs none of the project's configuration files for the libraries it uses, scanning from inside the project", async () => {
    const plant = (name: string) =>
      `require('fs').writeFileSync(require('path').join(__dirname, '${name}.ran'), 'ran');\nmodule.exports = {};\n`;
    const dir = app({ 'prisma-ast.config.js': plant('config'), '.prisma-astrc.cjs': plant('rc') });
    await scanFrom(dir);
    expect(existsSync(path.join(dir, 'config.ran'))).toBe(false);
    expect(existsSync(path.join(dir, 'rc.ran'))).toBe(false);
  });

  it('runs no command its git config names: an fsmonitor, a hook on index writes (scan, scan --changed-since, fix)', async () => {
    const dir = app({ 'lib/fetch.ts': "export const load = () => fetch('https://api.vendor.io/items');\n" });
    gitInit(dir);
    const ran = tempDir();
    const hooks = tempDir();
    writeFileSync(path.join(hooks, 'post-index-change'), `#!/bin/sh\ntouch '${ran}/hook'\n`, { mode: 0o755 });
    git(dir, 'config', 'core.hooksPath', hooks);
    git(dir, 'config', 'core.fsmonitor', `touch '${ran}/fsmonitor'; echo`);
    // As an archive unpacks: every file newer than the index, so a refresh would write it.
    for (const file of ['package.json', 'lib/fetch.ts']) utimesSync(path.join(dir, file), new Date(), new Date(Date.now() + 5000));
    expect((await runAsync(['scan', '.', '--format', 'json'], { cwd: dir })).code).toBe(0);
    expect((await runAsync(['scan', '.', '--changed-since', 'HEAD', '--format', 'json'], { cwd: dir })).code).toBe(0);
    const fixed = await runAsync(['fix', '.', '--yes', '--only', 'fetch-without-timeout'], { cwd: dir });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'lib/fetch.ts'), 'utf8')).toContain('AbortSignal.timeout');
    expect(readdirSync(ran)).toEqual([]);
  });

  it("runs no filter driver the repository's config names, and still sees an uncommitted change (fix, scan --changed-since)", async () => {
    const dir = app({
      'lib/fetch.ts': "export const load = () => fetch('https://api.vendor.io/items');\n",
      '.gitattributes': '* filter=evil\n',
    });
    gitInit(dir);
    const ran = tempDir();
    // A driver git must not go without: without its own override too, git would stop rather than skip it.
    git(dir, 'config', 'filter.evil.clean', `touch '${ran}/clean'; cat`);
    git(dir, 'config', 'filter.evil.process', `touch '${ran}/process'`);
    git(dir, 'config', 'filter.evil.required', 'true');
    for (const file of ['package.json', 'lib/fetch.ts']) utimesSync(path.join(dir, file), new Date(), new Date(Date.now() + 5000));
    const changed = await runAsync(['scan', '.', '--changed-since', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(0);
    const fixed = await runAsync(['fix', '.', '--yes', '--only', 'fetch-without-timeout'], { cwd: dir });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'lib/fetch.ts'), 'utf8')).toContain('AbortSignal.timeout');
    // With the fix's change uncommitted, fix refuses to work over it: git status still answers.
    writeFileSync(path.join(dir, 'lib/other.ts'), "export const other = () => fetch('https://api.vendor.io/other');\n");
    const refused = await runAsync(['fix', '.', '--yes', '--only', 'fetch-without-timeout'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the git tree has uncommitted changes: lib/fetch.ts');
    expect(readdirSync(ran)).toEqual([]);
  });

  it("plans the fixes a SARIF report carries without the project's own prettier, or its prettier config when that is code", async () => {
    const ran = tempDir();
    const plant = (name: string, exports: string) =>
      `require('fs').writeFileSync(${JSON.stringify(path.join(ran, name))}, 'ran');\nmodule.exports = ${exports};\n`;
    // One fix edits a file and one writes a new file, which takes the project's style from its prettier config.
    const fetching = {
      'lib/fetch.ts': "export const load = () => fetch('https://api.vendor.io/items');\n",
      'lib/env.ts': 'export const vendorKey = process.env.VENDOR_API_KEY;\n',
    };
    const withConfig = app({ ...fetching, 'prettier.config.js': plant('config', '{ semi: false }') });
    const withPrettier = app({
      ...fetching,
      '.prettierrc.json': '{ "semi": false }',
      'node_modules/prettier/package.json': JSON.stringify({ name: 'prettier', version: '3.0.0', main: 'index.js' }),
      'node_modules/prettier/index.js': plant('prettier', '{}'),
    });
    for (const dir of [withConfig, withPrettier]) {
      const { code, stdout, stderr } = await runAsync(['scan', '.', '--format', 'sarif'], { cwd: dir });
      expect(code, stderr).toBe(0);
      const results = JSON.parse(stdout).runs[0].results as Array<{ ruleId: string; fixes?: any[] }>;
      const changed = (ruleId: string) => results.find((r) => r.ruleId === ruleId)?.fixes?.[0].artifactChanges[0].artifactLocation.uri;
      expect(changed('fetch-without-timeout')).toBe('lib/fetch.ts');
      expect(changed('env-var-undefined')).toBe('.env.example');
    }
    expect(readdirSync(ran)).toEqual([]);
  });

  it("takes no parser options from the project's package.json", async () => {
    const dir = app({}, { 'prisma-ast': { parser: { nodeLocationTracking: 'none' } } });
    const findings = await scanFrom(dir);
    expect(findings.find((f) => f.ruleId === 'unindexed-foreign-key')).toMatchObject({ file: 'prisma/schema.prisma', line: 13 });
  });
});
