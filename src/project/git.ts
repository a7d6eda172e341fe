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
export const PROJECT_GIT_OPTIONS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '--no-optional-locks'];

function git(cwd: string, args: string[], input?: string): string | null {
  try {
    return execFileSync('git', [...PROJECT_GIT_OPTIONS, ...args], {
      cwd,
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
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

/** Uncommitted changes under dir, as paths relative to dir. */
export function gitDirtyFiles(dir: string): string[] {
  const out = git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
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
