import type { PackageInfo } from './types.ts';

/** The package a file belongs to: the deepest package directory containing it. */
export function packageFor(packages: readonly PackageInfo[], file: string): PackageInfo | null {
  let best: PackageInfo | null = null;
  for (const pkg of packages) {
    if (pkg.dir === '' || file.startsWith(`${pkg.dir}/`)) {
      if (!best || pkg.dir.length > best.dir.length) best = pkg;
    }
  }
  return best;
}
