import { UsageError } from '../errors.ts';
import { runGit, withoutRepositoryFilters } from './git.ts';
import type { Finding } from '../types.ts';

const git = (cwd: string, args: string[], env?: NodeJS.ProcessEnv) => runGit(cwd, args, { env });

function lines(out: string): string[] {
  return out.split('\0').filter(Boolean);
}

function requireRepository(root: string, flag: string): void {
  const inside = git(root, ['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.out.trim() !== 'true') {
    throw new UsageError(
      `${flag} needs a git repository, and ${root} is not in one${inside.ok ? '' : ` (${inside.error})`}`,
      'run the scan inside a git checkout, or leave out the flag to scan every file',
    );
  }
}

/** The commit to compare with: where the branch left `ref`, so changes made on `ref` since are not counted. */
function baseCommit(root: string, ref: string): string {
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']);
  const isShallow = shallow.ok && shallow.out.trim() === 'true';
  const resolved = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!resolved.ok) {
    throw isShallow
      ? new UsageError(
          `--changed-since ${ref}: this is a shallow clone and ${ref} is not in it`,
          'fetch the history first: `fetch-depth: 0` in actions/checkout, or `git fetch --unshallow` (or `git fetch origin <branch>`)',
        )
      : new UsageError(
          `--changed-since ${ref}: git knows no commit by that name`,
          'name a branch, tag or commit: `git branch -a` lists them',
        );
  }
  const base = git(root, ['merge-base', resolved.out.trim(), 'HEAD']);
  if (base.ok) return base.out.trim();
  if (isShallow) {
    throw new UsageError(
      `--changed-since ${ref}: this shallow clone does not reach back to where HEAD left ${ref}`,
      'fetch the history first: `fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`',
    );
  }
  return resolved.out.trim();
}

/** Files under root changed since `ref` (committed, staged, in the work tree, or new and not ignored), relative to root. */
export function changedSince(root: string, ref: string): Set<string> {
  requireRepository(root, '--changed-since');
  const base = baseCommit(root, ref);
  const diff = git(
    root,
    ['diff', '--name-only', '-z', '--relative', '--no-renames', '--diff-filter=d', base, '--'],
    withoutRepositoryFilters(root),
  );
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (!diff.ok) throw new Error(`git diff failed: ${diff.error}`);
  return new Set([...lines(diff.out), ...(untracked.ok ? lines(untracked.out) : [])]);
}

/** Files under root staged for the next commit, relative to root. */
export function stagedFiles(root: string): Set<string> {
  requireRepository(root, '--staged');
  const diff = git(root, ['diff', '--cached', '--name-only', '-z', '--relative', '--no-renames', '--diff-filter=d', '--']);
  if (!diff.ok) throw new Error(`git diff --cached failed: ${diff.error}`);
  return new Set(lines(diff.out));
}

/** The files of a client-code chain, `a.ts ← b.tsx ← page.tsx ('use client')`, entry included. */
function chainFiles(chain: string): string[] {
  const links = chain.split(' ← ');
  const entry = links.pop()!;
  const reason = entry.lastIndexOf(' (');
  return [...links, reason === -1 ? entry : entry.slice(0, reason)];
}

/**
 * Whether the change is part of a finding: its own file changed, or a file of the import chain that
 * makes its code browser code did (a new import can expose an old secret).
 */
export function touchesChange(finding: Finding, changed: ReadonlySet<string>): boolean {
  if (changed.has(finding.file)) return true;
  const chain = finding.data?.chain;
  return typeof chain === 'string' && chainFiles(chain).some((file) => changed.has(file));
}
