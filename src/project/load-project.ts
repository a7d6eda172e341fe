import { statSync } from 'node:fs';
import path from 'node:path';
import { requirePackage } from '../engine/require-package.cjs';
import { UsageError } from '../errors.ts';
import { loadConfig } from './config.ts';
import { findEnvFiles } from './env-files.ts';
import { ALWAYS_SKIPPED_DIRS, hasBinaryExtension, listProjectTree } from './files.ts';
import { walkTree } from './tree-walk.ts';
import { gitTopLevel } from './git.ts';
import { detectPackages } from './packages.ts';
import type { Project, SkippedFile } from './types.ts';

const picomatch = requirePackage<typeof import('picomatch')>('picomatch');

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];

export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.posix.extname(file));
}

/** `dir` as typed, taken from `cwd`; the messages repeat it as typed. */
export function assertDirectory(dir: string, cwd = process.cwd()): string {
  const root = path.resolve(cwd, dir);
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new UsageError(`no such directory: ${dir}`, 'pass the path of your app, e.g. `shipshape scan .`');
  }
  if (!stat.isDirectory()) {
    throw new UsageError(`not a directory: ${dir}`, 'pass the folder that holds package.json, not a file');
  }
  return root;
}

/** The files the config's `ignore` globs leave out of the project. */
export function ignoredByConfigOf(config: Project['config']): (file: string) => boolean {
  return config.ignore.length > 0 ? picomatch(config.ignore, { dot: true }) : () => false;
}

export interface LoadOptions {
  knownCheckIds: ReadonlySet<string>;
  /** The folder a relative `dir` is taken from. */
  cwd?: string;
}

export function loadProject(dir: string, options: LoadOptions): Project {
  const root = assertDirectory(dir, options.cwd);
  const topLevel = gitTopLevel(root);
  const config = loadConfig(root, options.knownCheckIds);
  const ignoredByConfig = ignoredByConfigOf(config);
  // One walk serves the listing outside git and the env files, which are found wherever they are.
  const tree = walkTree(root, ALWAYS_SKIPPED_DIRS);
  const listing = listProjectTree(root, topLevel !== null, tree);
  const listed = listing.files.filter((file) => !ignoredByConfig(file));
  const envFiles = findEnvFiles(root, topLevel, tree, listing.tracked).filter((env) => !ignoredByConfig(env.path));

  if (listed.length === 0 && envFiles.length === 0) {
    throw new UsageError(`nothing to scan: ${dir} has no files`, 'point shipshape at the folder of your app');
  }
  const packages = detectPackages(root, listed, topLevel);
  if (packages.length === 0 && !listed.some(isSourceFile)) {
    throw new UsageError(
      `${dir} is not a JavaScript or TypeScript project: no package.json and no .js/.ts files`,
      'shipshape scans Node.js apps; point it at the folder that holds package.json',
    );
  }
  const skipped: SkippedFile[] = listing.skipped.filter((entry) => !ignoredByConfig(entry.path));
  const files: string[] = [];
  for (const file of listed) {
    if (hasBinaryExtension(file)) skipped.push({ path: file, reason: 'binary' });
    else files.push(file);
  }
  return { root, git: { isRepo: topLevel !== null, topLevel }, files, skipped, packages, envFiles, config };
}
