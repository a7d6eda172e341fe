import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Options for every git command run in a project, which may be one downloaded rather than cloned,
 * its `.git/config` included, so that no command that config names runs. `core.fsmonitor` is a
 * command `ls-files`, `status` and `diff` run; turning it off changes no answer, only how git finds
 * changed files. `diff` against the work tree rewrites the index, which starts the
 * `post-index-change` hook: no hook runs from an empty hooks path. Without optional locks, `status`
 * leaves the index alone.
 */
const PROJECT_GIT_OPTIONS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '--no-optional-locks'];

export type GitResult = { ok: true; out: string } | { ok: false; error: string };

/** Runs git in a project, with PROJECT_GIT_OPTIONS; a failure carries the first line git wrote to stderr. */
export function runGit(cwd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): GitResult {
  try {
    const out = execFileSync('git', [...PROJECT_GIT_OPTIONS, ...args], {
      cwd,
      input: options.input,
      env: options.env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { ok: true, out };
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: string };
    return { ok: false, error: code === 'ENOENT' ? 'git is not installed' : (stderr ?? '').trim().split('\n')[0] || 'git failed' };
  }
}

function git(cwd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): string | null {
  const result = runGit(cwd, args, { input, env });
  return result.ok ? result.out : null;
}

/**
 * Git finds a repository by looking for `.git` in the folder and each one above it, unless GIT_DIR
 * names one. With neither, the answer is known without starting a git process (15 ms or more each,
 * paid by every scan of a folder outside git).
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

export function gitTopLevel(dir: string): string | null {
  if (!mayBeInRepository(dir)) return null;
  const out = git(dir, ['rev-parse', '--show-toplevel']);
  return out ? out.trim() : null;
}

export interface GitListing {
  /** Tracked files plus untracked files git does not ignore, relative to dir; not those deleted since the last commit. */
  files: string[];
  /** The files in the index, deleted or not. */
  tracked: Set<string>;
}

export function gitListFiles(dir: string): GitListing {
  // One process for all of it: `-t` tags each path, `?` for an untracked file, `R` for a file deleted
  // from the work tree but still in the index (listed a second time, tagged as tracked).
  const out = git(dir, ['ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard']);
  if (out === null) throw new Error(`git ls-files failed in ${dir}`);
  const listed = new Set<string>();
  const deleted = new Set<string>();
  const tracked = new Set<string>();
  for (const entry of out.split('\0')) {
    if (!entry) continue;
    const file = entry.slice(2);
    if (entry.startsWith('R ')) deleted.add(file);
    else listed.add(file);
    if (!entry.startsWith('? ')) tracked.add(file);
  }
  return { files: [...listed].filter((file) => !deleted.has(file)), tracked };
}

/** Which of the paths (relative to dir) .gitignore rules cover, whether or not they are tracked. */
export function gitIgnored(dir: string, paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  const out = git(dir, ['check-ignore', '--no-index', '-z', '--stdin'], paths.join('\0') + '\0');
  return new Set((out ?? '').split('\0').filter(Boolean));
}

/** The config a repository brings with it, in `.git/config` and what it includes; global and system config are the user's own. */
const REPOSITORY_SCOPES = new Set(['local', 'worktree']);

/**
 * The environment for a git command that reads work-tree files (`status`, `diff` against the work
 * tree): git runs a file's filter driver (`filter.<name>.clean` or `.process`, picked by
 * `.gitattributes`) on each file whose stat changed. A driver the repository's own config defines
 * could be any command, so it is emptied, and made optional so that git does not stop without it;
 * one the user set up (git-lfs, from `git lfs install` in the global config) still runs. The
 * overrides go in GIT_CONFIG_KEY_n/VALUE_n, which take a driver's name as it is, `=` and all.
 */
export function withoutRepositoryFilters(dir: string): NodeJS.ProcessEnv {
  const tokens = (git(dir, ['config', '--list', '--show-scope', '-z']) ?? '').split('\0');
  const names = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const key = tokens[i + 1]!.split('\n')[0]!;
    const driver = /^filter\.(.+)\.(?:clean|smudge|process)$/.exec(key);
    if (driver && REPOSITORY_SCOPES.has(tokens[i]!)) names.add(driver[1]!);
  }
  const env = { ...process.env };
  let count = Number(env.GIT_CONFIG_COUNT) || 0;
  for (const name of names) {
    for (const [setting, value] of [
      ['clean', ''],
      ['smudge', ''],
      ['process', ''],
      ['required', 'false'],
    ]) {
      env[`GIT_CONFIG_KEY_${count}`] = `filter.${name}.${setting}`;
      env[`GIT_CONFIG_VALUE_${count}`] = value;
      count++;
    }
  }
  env.GIT_CONFIG_COUNT = String(count);
  return env;
}

/** Uncommitted changes under dir, as paths relative to dir. */
export function gitDirtyFiles(dir: string): string[] {
  const out = git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], undefined, withoutRepositoryFilters(dir));
  if (out === null) return [];
  const entries = out.split('\0').filter(Boolean);
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const status = entry.slice(0, 2);
    files.push(entry.slice(3));
    // A rename or copy is followed by its source path.
    if (status.includes('R') || status.includes('C')) i++;
  }
  const prefix = git(dir, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  return files.map((file) => (prefix && file.startsWith(prefix) ? file.slice(prefix.length) : file));
}
