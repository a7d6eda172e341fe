import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Changeset } from '../src/engine/changeset.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { installCommand, installedVersion } from '../src/project/packages.ts';
import type { PackageInfo, Project } from '../src/project/types.ts';
export { meta } from './meta/add-missing-dependencies.ts';

const RANGE_PREFIX: Record<string, string> = { caret: '^', tilde: '~', exact: '' };

interface PackageLock {
  packages?: Record<string, { version?: unknown } | undefined>;
}

function readJson(file: string): PackageLock | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The version in use, by name: the lockfile's record first, then an installed copy. */
export function installedVersions(project: Project, pkg: PackageInfo): (name: string) => string | null {
  const absDir = path.join(project.root, pkg.dir);
  let lockedVersion = (_name: string): string | null => null;
  if (pkg.lockfile?.endsWith('package-lock.json') || pkg.lockfile?.endsWith('npm-shrinkwrap.json')) {
    const lockPath = path.join(project.root, pkg.lockfile);
    const lock = readJson(lockPath);
    const lockDir = path.relative(path.dirname(lockPath), absDir).split(path.sep).join('/');
    lockedVersion = (name) => {
      for (const key of [lockDir ? `${lockDir}/node_modules/${name}` : null, `node_modules/${name}`]) {
        const version = key ? lock?.packages?.[key]?.version : undefined;
        if (typeof version === 'string') return version;
      }
      return null;
    };
  }
  return (name) => lockedVersion(name) ?? installedVersion(absDir, name, project.git.topLevel ?? project.root);
}

function detectIndent(text: string): string | number {
  const match = /^([ \t]+)"/m.exec(text);
  return match ? match[1]! : 2;
}

function sortedObject(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
}

export function addToManifest(changeset: Changeset, manifestPath: string, additions: Map<string, { version: string; dev: boolean }>): void {
  const text = changeset.read(manifestPath);
  if (text === null) return;
  const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  for (const [name, { version, dev }] of additions) {
    const field = dev ? 'devDependencies' : 'dependencies';
    const other = dev ? 'dependencies' : 'devDependencies';
    if (manifest[field]?.[name] || manifest[other]?.[name]) continue;
    manifest[field] = sortedObject({ ...(manifest[field] ?? {}), [name]: version });
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const json = JSON.stringify(manifest, null, detectIndent(text)).replace(/\n/g, newline);
  changeset.write(manifestPath, text.endsWith('\n') ? `${json}${newline}` : json);
}

/**
 * Declares a runtime dependency a fix's new code imports, at the installed version (or `fallback`),
 * with the install command as a follow-up; nothing when the package already declares it.
 */
export function declareDependency(
  project: Project,
  changeset: Changeset,
  pkg: PackageInfo,
  name: string,
  fallback: string,
  why: string,
): void {
  if (name in pkg.dependencies || name in pkg.devDependencies) return;
  const version = installedVersion(path.join(project.root, pkg.dir), name);
  addToManifest(
    changeset,
    pkg.dir ? `${pkg.dir}/package.json` : 'package.json',
    new Map([[name, { version: `^${version ?? fallback}`, dev: false }]]),
  );
  const command = installCommand(pkg.packageManager);
  changeset.followUp({ kind: 'command', message: `${pkg.dir ? `(cd ${pkg.dir} && ${command})` : command}   # adds ${name}, ${why}` });
}

export function plan({ project, findings, options, changeset }: ProjectTransformContext): void {
  const prefix = RANGE_PREFIX[String(options.versionRange ?? 'caret')] ?? '^';
  const byPackage = new Map<string, Map<string, boolean>>();
  for (const finding of findings) {
    if (finding.ruleId !== 'undeclared-dependency') continue;
    const dir = String(finding.data?.packageDir ?? '');
    const name = String(finding.data?.package);
    const names = byPackage.get(dir) ?? new Map<string, boolean>();
    // A package any runtime file imports is a runtime dependency.
    names.set(name, (names.get(name) ?? true) && finding.data?.dev === true);
    byPackage.set(dir, names);
  }
  for (const [dir, names] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = project.packages.find((p) => p.dir === dir);
    if (!pkg) continue;
    const additions = new Map<string, { version: string; dev: boolean }>();
    const unpinned = { runtime: [] as string[], dev: [] as string[] };
    const versionOf = installedVersions(project, pkg);
    for (const [name, dev] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
      const version = versionOf(name);
      if (version) additions.set(name, { version: `${prefix}${version}`, dev });
      else unpinned[dev ? 'dev' : 'runtime'].push(name);
    }
    for (const [kind, list] of Object.entries(unpinned)) {
      if (list.length === 0) continue;
      const command = installCommand(pkg.packageManager, list, kind === 'dev');
      changeset.followUp({
        kind: 'command',
        message: `${dir ? `(cd ${dir} && ${command})` : command}   # no installed version was found to pin`,
      });
    }
    if (additions.size > 0) addToManifest(changeset, dir ? `${dir}/package.json` : 'package.json', additions);
  }
}
