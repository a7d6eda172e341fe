import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../../src/all-transforms.ts';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync, spawnAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

/** The type gate parses the app's declarations (next, react, node) once: seconds on a loaded two-core machine. */
const TYPE_CHECK_TIMEOUT = 240_000;

const CONFIG = readFileSync(path.join(FIXTURES, 'remove-build-error-ignores', 'both-flags.input.js'), 'utf8');
const FIXED = readFileSync(path.join(FIXTURES, 'remove-build-error-ignores', 'both-flags.output.js'), 'utf8');

describe('shipshape transform', () => {
  it('runs a file transform over folders and reports changed, unchanged, skipped and failed files as JSON', async () => {
    const dir = gitInit(
      writeTree({
        'apps/a/next.config.js': CONFIG,
        'apps/b/next.config.mjs': 'export default { reactStrictMode: true };\n',
        'apps/c/next.config.ts': 'export default { typescript: { ignoreBuildErrors: true }, ',
        'apps/a/page.tsx': 'export default function Page() { return null; }\n',
      }),
    );
    const { code, stdout } = await runAsync(['transform', 'remove-build-error-ignores', 'apps', '--json'], { cwd: dir });
    const summary = JSON.parse(stdout);
    expect(summary.transform).toBe('remove-build-error-ignores');
    expect(summary.changed).toEqual([{ file: 'apps/a/next.config.js' }]);
    expect(summary.unchanged).toEqual([{ file: 'apps/b/next.config.mjs' }]);
    expect(summary.skipped).toEqual([{ file: 'apps/a/page.tsx', reason: 'not a file this transform handles' }]);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0].file).toBe('apps/c/next.config.ts');
    expect(summary.failed[0].reason).toMatch(/Unexpected token|Unexpected|expected/i);
    expect(code).toBe(1);
    expect(readFileSync(path.join(dir, 'apps/a/next.config.js'), 'utf8')).toBe(FIXED);
    expect(readFileSync(path.join(dir, 'apps/c/next.config.ts'), 'utf8')).toContain('ignoreBuildErrors');
  });

  it('prints a diff with --dry-run and writes nothing; a second real run changes nothing', async () => {
    const dir = gitInit(writeTree({ 'next.config.js': CONFIG }));
    const dry = await runAsync(['transform', 'remove-build-error-ignores', 'next.config.js', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('-    ignoreBuildErrors: true,');
    expect(readFileSync(path.join(dir, 'next.config.js'), 'utf8')).toBe(CONFIG);
    expect((await runAsync(['transform', 'remove-build-error-ignores', '.'], { cwd: dir })).code).toBe(0);
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'fixed'], { cwd: dir });
    const again = await runAsync(['transform', 'remove-build-error-ignores', '.', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).changed).toEqual([]);
  });

  it('journals at the top of the git tree, where undo finds it from a subfolder', async () => {
    const dir = gitInit(writeTree({ 'apps/web/next.config.js': CONFIG }));
    const web = path.join(dir, 'apps/web');
    expect((await runAsync(['transform', 'remove-build-error-ignores', 'next.config.js'], { cwd: web })).code).toBe(0);
    expect(readFileSync(path.join(web, 'next.config.js'), 'utf8')).toBe(FIXED);
    const undone = await runAsync(['undo'], { cwd: web });
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain('apps/web/next.config.js');
    expect(readFileSync(path.join(web, 'next.config.js'), 'utf8')).toBe(CONFIG);
  });

  it('runs a project transform on an app folder', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
    const { code, stdout } = await runAsync(['transform', 'ignore-env-files', app, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).changed).toEqual([{ file: '.gitignore' }]);
    expect(readFileSync(path.join(app, '.gitignore'), 'utf8')).toContain('!.env.example');
  });

  it('refuses an unknown transform with a suggestion, and missing paths', async () => {
    // In a folder of its own: a transform takes the project's lock first, and other tests run in parallel.
    const cwd = writeTree({ 'package.json': '{}' });
    const unknown = await runAsync(['transform', 'remove-build-error-ignore', '.'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown transform "remove-build-error-ignore" (did you mean "remove-build-error-ignores"?)');
    const missing = await runAsync(['transform', 'remove-build-error-ignores', 'no/such/file.js'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: no/such/file.js');
  });

  // jscodeshift's worker processes run the same code as --run-in-band does, at a second process start each:
  // one transform goes through them, the rest run in band.
  const fileTransformIds = TRANSFORMS.filter((t) => t.kind === 'file').map((t) => t.meta.id);
  it.each(fileTransformIds.map((id, index) => ({ id, inBand: index > 0 })))(
    '$id runs under plain jscodeshift -t too, with the same result (in band: $inBand)',
    async ({ id, inBand }) => {
      const fixtures = path.join(FIXTURES, id);
      const changes = (file: string) =>
        readFileSync(path.join(fixtures, file), 'utf8') !== readFileSync(path.join(fixtures, file.replace('.input.', '.output.')), 'utf8');
      const usesDefaults = (file: string) => !existsSync(path.join(fixtures, file.replace(/\.input\.\w+$/, '.options.json')));
      const input = readdirSync(fixtures).find((file) => /\.input\.\w+$/.test(file) && changes(file) && usesDefaults(file))!;
      // Named as the fixture and given relative to the working folder, as a user runs it from the project: a
      // transform that names the file in what it writes (a log line) writes the name the expected output has.
      const dir = writeTree({});
      const subject = input.replace('.input.', '.');
      const target = path.join(dir, subject);
      writeFileSync(target, readFileSync(path.join(fixtures, input), 'utf8'));
      const jscodeshift = path.join(REPO, 'node_modules', '.bin', 'jscodeshift');
      const folder = path.join(REPO, 'transforms', id, 'index.ts');
      const module = existsSync(folder) ? folder : path.join(REPO, 'transforms', `${id}.ts`);
      const { code, stdout, stderr } = await spawnAsync(jscodeshift, [...(inBand ? ['--run-in-band'] : []), '-t', module, subject], {
        cwd: dir,
        env: process.env,
      });
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('1 ok');
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(path.join(fixtures, input.replace('.input.', '.output.')), 'utf8'));
    },
  );

  it(
    'holds back a change that adds a TypeScript error: exit 1, the error in the JSON, nothing written',
    async () => {
      const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'typed-fix')));
      symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));
      const tasks = readFileSync(path.join(app, 'pages/api/tasks.ts'), 'utf8');
      const { code, stdout } = await runAsync(['transform', 'pg-pool', app, '--json']);
      expect(code).toBe(1);
      const summary = JSON.parse(stdout);
      expect(summary.changed).toEqual([]);
      expect(summary.heldBack).toEqual([
        {
          transform: 'pg-pool',
          file: 'pages/api/tasks.ts',
          errors: ["6:15 TS2345 Argument of type 'Pool' is not assignable to parameter of type 'Client'."],
        },
      ]);
      expect(readFileSync(path.join(app, 'pages/api/tasks.ts'), 'utf8')).toBe(tasks);
      expect(existsSync(path.join(app, 'lib/db.ts'))).toBe(false);

      const weather = await runAsync(['transform', 'fetch-timeout', path.join(app, 'pages'), '--dry-run'], { cwd: app });
      expect(weather.code).toBe(0);
      expect(weather.stdout).toContain('+  if (!weather.ok) throw new Error(');
    },
    TYPE_CHECK_TIMEOUT,
  );
});
