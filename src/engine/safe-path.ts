import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The absolute path of a project-relative path; null when it leaves the root, by `..`, by being
 * absolute, or through a linked folder on the way.
 */
export function resolveInRoot(root: string, relative: string): string | null {
  if (relative === '' || relative.includes('\0') || path.isAbsolute(relative) || path.win32.isAbsolute(relative)) return null;
  const absolute = path.resolve(root, relative);
  if (absolute === path.resolve(root) || !isInside(path.resolve(root), absolute)) return null;
  let existing = path.dirname(absolute);
  while (!existsSync(existing)) existing = path.dirname(existing);
  return isInside(realpathSync(root), realpathSync(existing)) ? absolute : null;
}
