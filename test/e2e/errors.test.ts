import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BIN,
  FIXTURES,
  cleanTempDirs,
  copyFixture,
  git,
  gitInit,
  runAsync,
  runProcess,
  spawnAsync,
  tempDir,
  writeTree,
  type RunResult,
} from '../helpers.ts';

afterAll(cleanTempDirs);

function expectUsageError(result: { code: number; stdout: string; stderr: string }, reason: string | RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const [first, second] = result.stderr.trimEnd().split('\n');
  expect(first).toMatch(typeof reason === 'string' ? new RegExp(`^shipshape: .*${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : reason);
  expect(second).toMatch(/^hint: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input gets a one-line reason, a hint and exit 2', () => {
  it('a missing directory', async () => expectUsageError(await runAsync(['scan', '/no/such/dir']), 'no such directory: /no/such/dir'));

  it('a file instead of a directory', async () => {
    const dir = writeTree({ 'app.js': 'x' });
    expectUsageError(await runAsync(['scan', path.join(dir, 'app.js')]), 'not a directory');
  });

  it('an empty directory', async () => expectUsageError(await runAsync(['scan', tempDir()]), 'nothing to scan'));

  it('a repository that is not JavaScript', async () => {
    const dir = writeTree({ 'main.py': 'print(1)\n', 'README.md': '# hi\n' });
    expectUsageError(await runAsync(['scan', dir]), 'is not a JavaScript or TypeScript project');
  });

  it('a malformed package.json', async () => {
    const dir = writeTree({ 'package.json': '{ "name": "x", }', 'index.js': '' });
    expectUsageError(await runAsync(['scan', dir]), 'package.json is not valid JSON');
  });

  it('a malformed or unknown configuration', async () => {
    const broken = writeTree({ 'package.json': '{}', 'shipshape.config.json': '{ ignore: [] }' });
    expectUsageError(await runAsync(['scan', broken]), 'shipshape.config.json is not valid JSON');
    const unknownKey = writeTree({ 'package.json': '{}', 'shipshape.config.json': '{ "ignores": ["x"] }' });
    expectUsageError(await runAsync(['scan', unknownKey]), 'shipshape.config.json: unknown key "ignores"');
    const badSeverity = writeTree({ 'package.json': JSON.stringify({ shipshape: { severity: { 'missing-lockfile': 'urgent' } } }) });
    expectUsageError(
      await runAsync(['scan', badSeverity]),
      'package.json "shipshape": severity.missing-lockfile must be one of critical, high, medium, low',
    );
    const unknownCheck = writeTree({ 'package.json': JSON.stringify({ shipshape: { disable: ['no-such-check'] } }) });
    expectUsageError(await runAsync(['scan', unknownCheck]), 'unknown check id "no-such-check"');
  });

  it('an unknown check id or category, with a suggestion', async () => {
    const dir = writeTree({ 'package.json': '{}' });
    expectUsageError(
      await runAsync(['scan', dir, '--only', 'undeclared-dependencies']),
      'unknown check or category "undeclared-dependencies" (did you mean "undeclared-dependency"?)',
    );
    expectUsageError(await runAsync(['fix', dir, '--yes', '--skip', 'nope']), 'unknown check or category "nope"');
  });

  it('an unknown flag, a bad choice and a bad option', async () => {
    // In a folder of its own: `fix` takes the project's lock before it reads --option, and other tests run in parallel.
    const dir = writeTree({ 'package.json': '{}' });
    expectUsageError(await runAsync(['scan', '--formt', 'json']), /unknown option '--formt'/);
    expectUsageError(await runAsync(['scan', '--format', 'xml']), /--format <format>' argument 'xml' is invalid/);
    expectUsageError(await runAsync(['scan', '--workers', 'many']), '--workers takes a whole number');
    expectUsageError(await runAsync(['fix', dir, '--yes', '--option', 'pageSize']), '--option expects key=value');
    expectUsageError(await runAsync(['launch']), /unknown command 'launch'/);
  });

  it('a missing or malformed baseline', async () => {
    const dir = writeTree({ 'package.json': '{}', 'bad.json': '[]' });
    expectUsageError(await runAsync(['scan', dir, '--baseline', path.join(dir, 'none.json')]), 'cannot read baseline');
    expectUsageError(await runAsync(['scan', dir, '--baseline', path.join(dir, 'bad.json')]), 'is not a shipshape baseline');
  });
});

describe('files the scan cannot use are skipped, counted and the scan goes on', () => {
  it('binary, huge, unreadable and unparsable files', async () => {
    const dir = writeTree({
      'package.json': JSON.stringify({ name: 'x', dependencies: {} }),
      'package-lock.json': '{}',
      'ok.js': "import a from 'left-pad';\n",
      'broken.js': "import a from 'some-lib';\nconst = ;\n",
      'minified.js': `import q from 'q';\n${'var a=1;'.repeat(140_000)}`,
    });
    writeFileSync(path.join(dir, 'binary.js'), Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0, 1, 2, 3]));
    symlinkSync(path.join(dir, 'gone.js'), path.join(dir, 'dangling.js'));
    mkdirSync(path.join(dir, 'node_modules', 'left-pad'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'left-pad', 'index.js'), 'garbage (');
    gitInit(dir, false);
    const { code, stdout, stderr } = await runAsync(['scan', dir, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const skipped = Object.fromEntries(report.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
    expect(skipped['binary.js']).toBe('binary');
    expect(skipped['minified.js']).toBe('too-large');
    expect(skipped['dangling.js']).toBe('unreadable');
    expect(stderr).toContain('could not read dangling.js');
    expect(
      report.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'parse-error')
        .map((f: { file: string; line: number }) => [f.file, f.line]),
    ).toEqual([['broken.js', 2]]);
    expect(report.findings.some((f: { file: string }) => f.file === 'ok.js')).toBe(true);
    expect(report.findings.some((f: { file: string }) => f.file.startsWith('node_modules'))).toBe(false);
    expect(readFileSync(path.join(dir, 'ok.js'), 'utf8')).toContain('left-pad');
  });
});

describe('help and version', () => {
  it('answers --help on every command and --version', async () => {
    for (const command of ['scan', 'fix', 'transform', 'list', 'undo']) {
      const { code, stdout } = await runAsync([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: shipshape ${command}`);
    }
    expect((await runAsync(['--version'])).stdout.trim()).toBe('0.1.0');
    expect((await runAsync(['--help'])).stdout).toContain('Commands:');
  });

  it('reports an internal error with exit 3, and the stack only with --debug', async () => {
    // A disk that fails under shipshape is no fault of the input: preload a fault into fs.fsyncSync.
    const fault = path.join(tempDir(), 'fsync-fails.cjs');
    writeFileSync(
      fault,
      "const fs = require('node:fs');\nfs.fsyncSync = () => { throw new Error('injected disk fault'); };\nrequire('node:module').syncBuiltinESMExports();\n",
    );
    const dir = gitInit(writeTree({ 'next.config.js': CONFIG }));
    const env = { NODE_OPTIONS: `--require ${fault}` };
    const plain = await runProcess(['transform', 'remove-build-error-ignores', 'next.config.js'], { cwd: dir, env });
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/^shipshape: internal error: injected disk fault/);
    expect(plain.stderr).toContain('--debug');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runProcess(['transform', 'remove-build-error-ignores', 'next.config.js', '--debug'], { cwd: dir, env });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(readFileSync(path.join(dir, 'next.config.js'), 'utf8')).toBe(CONFIG);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(readdirSync(path.join(dir, '.shipshape', 'undo'))).toEqual([]);
  });
});

const CONFIG = 'module.exports = {\n  typescript: { ignoreBuildErrors: true },\n};\n';

describe('the binary, started as a process, answers as main() does in the tests', () => {
  it('exit 0 with the version, and the same help as in-process', async () => {
    expect(await runProcess(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    expect(await runProcess(['scan', '--help'])).toEqual(await runAsync(['scan', '--help']));
  });

  it('exit 1 on findings, the report alone on stdout, the same as in-process', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
    const scanned = await runProcess(['scan', '.', '--format', 'json'], { cwd: app });
    expect(scanned.code).toBe(1);
    const inProcess = await runAsync(['scan', '.', '--format', 'json'], { cwd: app });
    const withoutTiming = (stdout: string) => ({ ...JSON.parse(stdout), summary: { ...JSON.parse(stdout).summary, durationMs: 0 } });
    expect(withoutTiming(scanned.stdout)).toEqual(withoutTiming(inProcess.stdout));
    expect(scanned.stderr).toBe(inProcess.stderr);
  });

  it('exit 2 on a usage error, with the reason and the hint on stderr only', async () => {
    const usage = await runProcess(['scan', '--format', 'xml']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^shipshape: .*'xml' is invalid.*\nhint: run `shipshape scan --help` for the usage\n$/);
  });

  it('reads stdin as no terminal: the wizard refuses with exit 2 instead of waiting', async () => {
    const app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
    const piped = await runProcess(['fix', '.'], { cwd: app, input: 'y\n' });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(
      /^shipshape: the fix wizard needs a terminal\nhint: in scripts and CI pass --yes, --dry-run or --patch <file>\n$/,
    );
  });
});

/** Runs the CLI as the unprivileged user `nobody` when the tests run as root, for whom chmod 000 changes nothing. */
async function runUnprivileged(args: string[]): Promise<RunResult> {
  if (process.getuid?.() !== 0) return runAsync(args);
  const result = await spawnAsync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args], {
    cwd: '/',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', HOME: '/tmp' },
  });
  return { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Whether an unprivileged user can run this checkout's CLI: not where it sits in a folder only root may enter. */
function canDropPrivileges(): boolean {
  return (
    process.getuid?.() !== 0 ||
    spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, '--version'], { cwd: '/' })
      .status === 0
  );
}

describe('input at fault is exit 2 with a reason and a hint, never exit 3', () => {
  it('a shipshape.config.json that is a directory', async () => {
    const dir = writeTree({ 'package.json': '{}', 'index.js': '' });
    mkdirSync(path.join(dir, 'shipshape.config.json'));
    expectUsageError(await runAsync(['scan', dir]), 'shipshape.config.json is a directory');
  });

  it('--output, --write-baseline and --patch pointing at a directory', async () => {
    const dir = gitInit(writeTree({ 'package.json': '{}', 'next.config.js': CONFIG }));
    const folder = tempDir();
    expectUsageError(await runAsync(['scan', dir, '--output', folder]), `${folder} is a directory`);
    expectUsageError(await runAsync(['scan', dir, '--write-baseline', folder]), `${folder} is a directory`);
    expectUsageError(await runAsync(['fix', dir, '--all', '--patch', folder]), `${folder} is a directory`);
  });

  it('a corrupt undo journal', async () => {
    const dir = writeTree({ 'package.json': '{}', '.shipshape/undo/1/journal.json': '{ not json' });
    const result = await runAsync(['undo', dir]);
    expectUsageError(result, 'the undo journal .shipshape/undo/1 is corrupt');
    expect(result.stderr).toContain('hint: nothing was restored; delete .shipshape/undo/1');
  });

  it('a .shipshape that is a file or a link', async () => {
    const file = gitInit(writeTree({ 'package.json': '{}', 'next.config.js': CONFIG, '.shipshape': 'not a folder' }));
    expectUsageError(await runAsync(['fix', file, '--yes', '--all']), '.shipshape is a file, not a folder');
    expectUsageError(await runAsync(['undo', file]), '.shipshape is a file, not a folder');
    expect(readFileSync(path.join(file, 'next.config.js'), 'utf8')).toBe(CONFIG);
    const linked = gitInit(writeTree({ 'package.json': '{}', 'next.config.js': CONFIG }));
    symlinkSync(tempDir(), path.join(linked, '.shipshape'));
    expectUsageError(await runAsync(['fix', linked, '--yes', '--all']), '.shipshape is a symbolic link');
  });

  it.runIf(canDropPrivileges())('an unreadable folder is skipped and listed, and the scan goes on', async () => {
    const dir = writeTree({ 'package.json': '{}', 'ok.js': "import a from 'left-pad';\n", 'private/secret.js': 'x' });
    execFileSync('chmod', ['-R', 'a+rX', dir]);
    execFileSync('chmod', ['755', path.dirname(dir)]);
    execFileSync('chmod', ['000', path.join(dir, 'private')]);
    try {
      const { code, stdout, stderr } = await runUnprivileged(['scan', dir, '--format', 'json']);
      expect(stderr).not.toContain('internal error');
      expect(code).toBe(1);
      const report = JSON.parse(stdout);
      expect(report.skipped).toContainEqual({ path: 'private/', reason: 'unreadable' });
      expect(report.findings.some((f: { file: string }) => f.file === 'ok.js')).toBe(true);
      expect(stderr).toContain('could not read private/; it was skipped');
    } finally {
      execFileSync('chmod', ['755', path.join(dir, 'private')]);
    }
  });
});
