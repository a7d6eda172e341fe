import path from 'node:path';
import type { Project } from '../project/types.ts';
import { parseSource } from '../engine/parse.ts';
import { ModuleResolver, isRelativeSpecifier } from './module-graph.ts';

/** The project's files as a fix plans them (a `Changeset`): `read` gives null for one that does not exist. */
export interface PlannedFiles {
  read(file: string): string | null;
}

/**
 * Whether a file exists as the fix plans the project, for resolving imports: a folder where a module
 * path is probed (`lib/rate-limit` beside `lib/rate-limit/`) is no file, and a listed file that cannot
 * be read as text still is one.
 */
export function plannedFileExists(project: Pick<Project, 'files'>, planned: PlannedFiles): (file: string) => boolean {
  const files = new Set(project.files);
  return (file) => {
    try {
      return planned.read(file) !== null;
    } catch {
      return files.has(file);
    }
  };
}

/** How a fix names a project module from a file: `(from, to)`, both relative to the project root. */
export type ModuleSpecifier = (from: string, to: string) => string;

const stem = (file: string) => file.replace(/\.[cm]?[jt]sx?$/, '');

function relativeImport(from: string, to: string): string {
  const relative = stem(path.posix.relative(path.posix.dirname(from), to));
  return isRelativeSpecifier(relative) ? relative : `./${relative}`;
}

/** The specifiers of a module's static imports and re-exports; none for one that does not parse. */
function importedSpecifiers(file: string, text: string): string[] {
  if (!/\b(?:import|export)\b/.test(text)) return [];
  try {
    return parseSource(file, text).program.body.flatMap((statement) =>
      (statement.type === 'ImportDeclaration' ||
        statement.type === 'ExportNamedDeclaration' ||
        statement.type === 'ExportAllDeclaration') &&
      statement.source
        ? [statement.source.value]
        : [],
    );
  } catch {
    return [];
  }
}

/**
 * The alias a specifier that resolves to `file` is written with, and the folder it stands for:
 * `@/lib/supabase` naming `src/lib/supabase.ts` gives `@/` for `src/`.
 */
function aliasOf(specifier: string, file: string): { prefix: string; dir: string } | null {
  const stems = [stem(file).replace(/\/index$/, ''), stem(file)];
  for (let cut = specifier.indexOf('/') + 1; cut > 0; cut = specifier.indexOf('/', cut) + 1) {
    const tail = specifier.slice(cut);
    for (const candidate of stems) {
      if (candidate === tail) return { prefix: specifier.slice(0, cut), dir: '' };
      if (candidate.endsWith(`/${tail}`)) return { prefix: specifier.slice(0, cut), dir: candidate.slice(0, -tail.length) };
    }
  }
  return null;
}

/**
 * Names project modules as the code around them does. Through the path alias the importing file
 * already names the project's own modules by (`@/lib/rate-limit` beside `@/lib/supabase`), kept only
 * when tsconfig resolves it back to the module; else by a relative path, ending in `.js` where
 * relative imports name their extension (Node's ESM needs it). The importing file's own imports
 * decide, else those of the modules beside it (a file the fix creates has none yet).
 */
export function moduleSpecifiers(project: Pick<Project, 'root' | 'files'>, planned: PlannedFiles): ModuleSpecifier {
  let specifier = specifiersByPlan.get(planned);
  if (!specifier) specifiersByPlan.set(planned, (specifier = specifiersFor(project, planned)));
  return specifier;
}

// One per plan: its resolver reads each tsconfig once, however many files the fix touches.
const specifiersByPlan = new WeakMap<PlannedFiles, ModuleSpecifier>();

function specifiersFor(project: Pick<Project, 'root' | 'files'>, planned: PlannedFiles): ModuleSpecifier {
  const read = (file: string) => planned.read(file);
  let target = '';
  const exists = plannedFileExists(project, planned);
  const resolver = new ModuleResolver(project.root, (file) => file === target || exists(file));
  const importsNear = (file: string): string[] => {
    const dir = path.posix.dirname(file);
    for (const candidate of [file, ...project.files.filter((other) => other !== file && path.posix.dirname(other) === dir)]) {
      if (!/\.[cm]?[jt]sx?$/.test(candidate)) continue;
      const specifiers = importedSpecifiers(candidate, read(candidate) ?? '');
      if (specifiers.some((specifier) => isRelativeSpecifier(specifier) || resolver.resolve(candidate, specifier)?.alias))
        return specifiers;
    }
    return [];
  };
  return (from, to) => {
    target = to;
    const specifiers = importsNear(from);
    for (const specifier of specifiers) {
      if (isRelativeSpecifier(specifier)) continue;
      const resolved = resolver.resolve(from, specifier);
      const alias = resolved?.alias ? aliasOf(specifier, resolved.file) : null;
      if (!alias || !to.startsWith(alias.dir)) continue;
      for (const candidate of [stem(to).replace(/\/index$/, ''), stem(to)]) {
        const written = `${alias.prefix}${candidate.slice(alias.dir.length)}`;
        if (resolver.resolve(from, written)?.file === to) return written;
      }
    }
    const relative = relativeImport(from, to);
    return specifiers.some((specifier) => isRelativeSpecifier(specifier) && /\.[cm]?js$/.test(specifier)) ? `${relative}.js` : relative;
  };
}

/** The specifier the project's own files import `module` by through a path alias (`@/lib/auth`); null when none does. */
export function aliasImportOf(project: Pick<Project, 'root' | 'files'>, planned: PlannedFiles, module: string): string | null {
  const files = new Set(project.files);
  const resolver = new ModuleResolver(project.root, (file) => files.has(file));
  const name = stem(module)
    .replace(/\/index$/, '')
    .split('/')
    .at(-1)!;
  for (const file of project.files) {
    if (file === module || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    const text = planned.read(file);
    if (!text?.includes(name)) continue;
    for (const specifier of importedSpecifiers(file, text)) {
      if (isRelativeSpecifier(specifier) || !specifier.includes(name)) continue;
      const resolved = resolver.resolve(file, specifier);
      if (resolved?.alias && resolved.file === module) return specifier;
    }
  }
  return null;
}
