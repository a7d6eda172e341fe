import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(REPO, '__testfixtures__');
export const BIN = path.join(REPO, 'bin', 'shipshape.js');

const made: string[] = [];

export function tempDir(prefix = 'shipshape-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Fixture trees store `.gitignore` as `_gitignore`, so they never change what this repository ignores. */
function restoreDotfiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) restoreDotfiles(full);
    else if (entry.name === '_gitignore') renameSync(full, path.join(dir, '.gitignore'));
  }
}

/** A fixture tree's files by path, as `copyFixture` would lay them out, read without copying them. */
export function readFixtureTree(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).map(([file, text]) => [file.replace(/(^|\/)_gitignore$/, '$1.gitignore'), text]));
}

export function copyFixture(source: string, target = tempDir()): string {
  cpSync(source, target, { recursive: true });
  restoreDotfiles(target);
  return target;
}

export function writeTree(files: Record<string, string>, target = tempDir()): string {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(target, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return target;
}

export function readTree(
  dir: string,
  skip: (rel: string) => boolean = (rel) => rel.startsWith('.git/') || rel.startsWith('.shipshape/'),
): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      if (skip(entry.isDirectory() ? `${rel}/` : rel)) continue;
      if (entry.isDirectory()) visit(full);
      else out[rel] = readFileSync(full, 'utf8');
    }
  };
  visit(dir);
  return out;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function gitInit(dir: string, commit = true): string {
  git(dir, 'init', '-q', '-b', 'main');
  // What three `git config` calls would write, without three more processes for each of the suite's repositories.
  appendFileSync(path.join(dir, '.git', 'config'), '[user]\n\temail = test@example.com\n\tname = Test\n[commit]\n\tgpgsign = false\n');
  if (commit) {
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
}

function cliEnv(env: Record<string, string> | undefined): Record<string, string | undefined> {
  return { ...process.env, NO_COLOR: '1', CI: 'true', ...env };
}

type Main = (argv: string[], io: object) => Promise<number>;
type WatchWrites = (watcher: (count: number) => void) => () => void;
let built: Promise<{ main: Main; watchWrites: WatchWrites }> | null = null;

function builtCli(): Promise<{ main: Main; watchWrites: WatchWrites }> {
  built ??= Promise.all([
    import(new URL('../dist/src/cli/main.js', import.meta.url).href) as Promise<{ main: Main }>,
    import(new URL('../dist/src/engine/durable-fs.js', import.meta.url).href) as Promise<{ watchWrites: WatchWrites }>,
  ]).then(([{ main }, { watchWrites }]) => ({ main, watchWrites }));
  return built;
}

/** Copies the tree after every disk write to `into/<n>`: what a kill right after write n leaves behind. */
function snapshotEveryWrite(watchWrites: WatchWrites, root: string, into: string): () => void {
  return watchWrites((count) => {
    const target = path.join(into, String(count));
    mkdirSync(target, { recursive: true });
    cpSync(root, target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  });
}

function collector(): { chunks: string[]; stream: { isTTY: false; write(text: unknown): true } } {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY: false, write: (text) => (chunks.push(String(text)), true) } };
}

let emptyFolder: string | null = null;

/** Where a command runs unless a test says otherwise: an empty folder of its own, never this repository, whose `.shipshape` lock other tests would race for. */
function defaultCwd(): string {
  if (!emptyFolder || !existsSync(emptyFolder)) emptyFolder = tempDir('shipshape-cwd-');
  return emptyFolder;
}

/**
 * Runs `main()` of the built CLI in this thread and awaits it, without blocking the test worker,
 * which must keep answering vitest while a command works: as fast as a function call, and with the
 * same arguments, streams and exit code as the binary.
 * With `snapshotsTo`, the tree under `cwd` is copied to `snapshotsTo/<n>` after the n-th disk write.
 */
export async function runAsync(args: string[], options: RunOptions & { snapshotsTo?: string } = {}): Promise<RunResult> {
  const { main, watchWrites } = await builtCli();
  const stdout = collector();
  const stderr = collector();
  const stdin = Readable.from(options.input ? [options.input] : []);
  const cwd = options.cwd ?? defaultCwd();
  const stopSnapshots = options.snapshotsTo ? snapshotEveryWrite(watchWrites, cwd, options.snapshotsTo) : () => {};
  try {
    const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin, cwd, env: cliEnv(options.env) });
    return { code, stdout: stdout.chunks.join(''), stderr: stderr.chunks.join('') };
  } catch (error) {
    return {
      code: -1,
      stdout: stdout.chunks.join(''),
      stderr: `${stderr.chunks.join('')}main() threw: ${(error as Error)?.stack ?? error}`,
    };
  } finally {
    stopSnapshots();
  }
}

/** Starts `bin/shipshape.js` as a process of its own: for what only a process shows (exit, streams, signals, env of Node itself). */
export async function runProcess(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { code, stdout, stderr } = await spawnAsync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? defaultCwd(),
    input: options.input,
    env: cliEnv(options.env),
  });
  return { code: code ?? -1, stdout, stderr };
}

export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Every file under root (but .git and .shipshape) with the sha256 of its bytes and its mode. */
export function checksums(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (rel === '.git' || rel === '.shipshape') continue;
      if (entry.isDirectory()) visit(full);
      else if (entry.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(full)}`;
      else out[rel] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${(statSync(full).mode & 0o777).toString(8)}`;
    }
  };
  visit(root);
  return out;
}

/**
 * Lets the test worker answer vitest: its replies are read only when the event loop turns, and a run of
 * synchronous work (tests that never wait on I/O follow each other in microtasks) that holds it for a minute
 * fails the whole file with "Timeout calling onTaskUpdate", though every test passed.
 */
export function answerVitest(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A CLI run under the preload `test/loaded-modules.mjs`: the files each thread loaded, by thread id (0 is the main thread). */
export function modulesLoadedBy(args: string[], cwd = REPO): { status: number | null; stderr: string; byThread: Map<number, string[]> } {
  const out = path.join(tempDir('shipshape-modules-'), 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', path.join(REPO, 'test', 'loaded-modules.mjs'), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SHIPSHAPE_LOADED_MODULES: out },
  });
  const byThread = new Map<number, string[]>();
  for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    const thread = Number(line.slice(0, space));
    byThread.set(thread, [...(byThread.get(thread) ?? []), line.slice(space + 1)]);
  }
  return { status: result.status, stderr: result.stderr, byThread };
}

/** Starts a process without blocking the test worker, which must keep answering vitest while it runs. */
export function spawnAsync(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO, env: options.env ?? cliEnv(undefined) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    // A child that exits without reading its input closes the pipe first; that is its business, not an error of the test.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a Node script of the repository without blocking the test worker. */
export function runScript(script: string, args: string[]): ReturnType<typeof spawnAsync> {
  return spawnAsync(process.execPath, [script, ...args]);
}

/** squawk's verdict on migration files (paths relative to `cwd`), as its exit code and what it printed; `exclude` names rules to leave out. */
export function squawk(cwd: string, files: readonly string[], exclude: readonly string[] = []): { code: number; output: string } {
  const args = [...exclude.flatMap((rule) => ['--exclude', rule]), ...files];
  const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'squawk'), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
