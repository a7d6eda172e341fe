import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../project/types.ts';

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * CI systems place annotations by the path from the repository root, so a scan of `web/` in a
 * monorepo reports `web/app/page.tsx`; outside git, paths stay relative to the scanned folder.
 */
export function repoPathOf(project: Project): (file: string) => string {
  const prefix = scannedDir(project);
  return prefix === '.' ? (file) => file : (file) => `${prefix}/${file}`;
}

/** The scanned folder from the repository root, `.` for the root itself or a folder outside git. */
export function scannedDir(project: Project): string {
  const topLevel = project.git.topLevel;
  const prefix = topLevel ? path.relative(real(topLevel), real(project.root)).split(path.sep).join('/') : '';
  return !prefix || prefix.startsWith('..') ? '.' : prefix;
}
