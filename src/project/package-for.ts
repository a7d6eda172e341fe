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

/** Items grouped by the package their file belongs to, packages in the order of their directories. */
export function byPackage<Item extends { file: string }>(
  packages: readonly PackageInfo[],
  items: readonly Item[],
): Array<{ pkg: PackageInfo; items: Item[] }> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const dir = packageFor(packages, item.file)?.dir ?? '';
    groups.set(dir, [...(groups.get(dir) ?? []), item]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dir, grouped]) => ({ pkg: packages.find((candidate) => candidate.dir === dir)!, items: grouped }));
}
