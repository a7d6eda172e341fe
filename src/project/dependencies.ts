import type { PackageInfo } from './types.ts';

const PACKAGE_NAME = /^(?:@[a-z0-9-][a-z0-9-._~]*\/)?[a-z0-9-][a-z0-9-._~]*$/;

/** The npm package a bare specifier names, or null for relative paths, URLs, protocols and aliases. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null;
  const segments = specifier.split('/');
  const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
  return PACKAGE_NAME.test(name) ? name : null;
}

/** The package itself, then each package above it: Node resolves dependencies declared there too. */
export function ancestorPackages(packages: readonly PackageInfo[], pkg: PackageInfo): PackageInfo[] {
  return packages
    .filter((other) => other === pkg || other.dir === '' || pkg.dir.startsWith(`${other.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length);
}

const DEVELOPMENT_PATH = /(^|\/)(__tests__|__mocks__|tests?|e2e|cypress|playwright|scripts|stories|\.storybook)\//;
const DEVELOPMENT_FILE = /\.(test|spec|stories|story|config|setup)\.[cm]?[jt]sx?$/;

/** Tests, stories, scripts and tool configs only run at development or build time. */
export function isDevelopmentFile(file: string): boolean {
  if (/(^|\/)next\.config\./.test(file)) return false;
  return DEVELOPMENT_PATH.test(file) || DEVELOPMENT_FILE.test(file);
}
