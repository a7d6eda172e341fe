import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { requirePackage } from '../engine/require-package.cjs';

const ignore = requirePackage<typeof import('ignore')>('ignore');

/** What one walk of a folder finds, outside the folders that are never the project's own code. */
export interface TreeEntries {
  /** Every entry that is not a folder (files, links, sockets), relative to the root, with forward slashes. */
  files: string[];
  /** The symbolic links among them, which the walk does not follow. */
  links: Set<string>;
  /** The regular files named `.env` or `.env.*`. */
  envCandidates: string[];
  /** Folders that could not be read, relative to the root. */
  unreadable: string[];
  /** Each `.gitignore` found, by the folder that holds it ('' for the root). */
  gitignores: Array<{ dir: string; text: string }>;
}

const UNREADABLE = new Set(['EACCES', 'EPERM']);

/**
 * Walks the folder once, without following links: the file listing of a project outside git, the
 * `.gitignore` rules that filter it, and the env files, which count even where git ignores them.
 * A folder that vanishes or cannot be read during the walk holds nothing; one refused for lack of
 * permission is also named, so the scan can say it was skipped.
 */
export function walkTree(root: string, skippedDirs: readonly string[]): TreeEntries {
  const found: TreeEntries = { files: [], links: new Set(), envCandidates: [], unreadable: [], gitignores: [] };
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      if (dir && UNREADABLE.has((error as NodeJS.ErrnoException).code ?? '')) found.unreadable.push(dir);
      continue;
    }
    for (const entry of entries) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skippedDirs.includes(entry.name)) pending.push(relative);
        continue;
      }
      found.files.push(relative);
      if (entry.isSymbolicLink()) found.links.add(relative);
      else if (entry.isFile()) {
        if (entry.name === '.env' || entry.name.startsWith('.env.')) found.envCandidates.push(relative);
        if (entry.name === '.gitignore') {
          try {
            found.gitignores.push({ dir, text: readFileSync(path.join(root, relative), 'utf8') });
          } catch {
            // An unreadable .gitignore ignores nothing.
          }
        }
      }
    }
  }
  return found;
}

/**
 * Whether the walk's `.gitignore` rules ignore a path (relative to the root). Each file's patterns are
 * taken relative to its folder, all in one rule set, as globby's `gitignore` option reads them.
 */
export function gitignoreMatcher(gitignores: TreeEntries['gitignores']): (file: string) => boolean {
  const patterns = gitignores.flatMap(({ dir, text }) =>
    text
      .split(/\r?\n/)
      .filter((line) => line && !line.startsWith('#'))
      .map((pattern) => (pattern.startsWith('!') ? `!${path.posix.join(dir, pattern.slice(1))}` : path.posix.join(dir, pattern))),
  );
  if (patterns.length === 0) return () => false;
  const rules = ignore().add(patterns);
  return (file) => rules.ignores(file);
}
