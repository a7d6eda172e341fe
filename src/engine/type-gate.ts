import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import type { Project } from '../project/types.ts';
import type { Changeset } from './changeset.ts';
import { projectCodeMayRun } from './project-code.ts';
import type { Transform } from './transform-types.ts';

/** A fix's change to a file that adds TypeScript errors the file did not have. */
export interface HeldBack {
  transform: string;
  file: string;
  /** `line:column TS<code> message`, the new errors only. */
  errors: string[];
}

export interface TypeGate {
  /** The changed files in which `planned` (on top of `base`) adds a TypeScript error. Changes nothing. */
  check(transform: Transform, planned: Changeset, base: Changeset): Promise<HeldBack[]>;
  /** Checks, then takes the held-back changes out of `planned`: one file's change for a file transform, all of it for a project transform. */
  holdBack(transform: Transform, planned: Changeset, base: Changeset): Promise<HeldBack[]>;
}

type Ts = typeof ts;

const CHECKED = /\.(c|m)?tsx?$|\.(c|m)?jsx?$/;

/** Whether Node would find the package from `root`: in its node_modules or one above it. */
function installed(root: string, name: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Why the type gate cannot run on a project with a tsconfig.json, or null when it can: it needs every
 * dependency of the root package installed, or the types it compares would be guesses.
 */
function typeGateUnavailable(project: Project): string | null {
  const pkg = project.packages.find((p) => p.dir === '');
  if (!pkg) return 'the project has no package.json';
  const missing = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !installed(project.root, name));
  if (missing.length > 0)
    return `its dependencies are not installed (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): run the install, then fix again`;
  return null;
}

/** The project's own TypeScript when it has the compiler API (TypeScript 7's package has none), else the one ts-morph bundles. */
async function loadTypeScript(root: string): Promise<Ts> {
  if (!projectCodeMayRun()) return (await import('ts-morph')).ts as unknown as Ts;
  try {
    const own = createRequire(path.join(root, 'package.json'))('typescript') as Ts;
    if (typeof own.createProgram === 'function') return own;
  } catch {
    // not installed for the project: ts-morph's copy type-checks just as well
  }
  return (await import('ts-morph')).ts as unknown as Ts;
}

/**
 * What a state of the files reads: planned text, null for a planned delete, undefined where the disk
 * holds; and the folders its planned files are in, which module resolution asks for before a file.
 */
interface Overlay {
  read(absPath: string): string | null | undefined;
  plannedDirectories: ReadonlySet<string>;
}

interface Checker {
  diagnostics(files: readonly string[], overlay: Overlay): Map<string, ts.Diagnostic[]>;
}

/**
 * The declarations of installed packages and of TypeScript's own libraries (the DOM library alone is
 * 1.5 MB) parsed once per process, in TypeScript's own registry, which keeps one copy per set of
 * options that shape a parse: a process that checks more than one project parses them once.
 */
const installedDeclarations = new WeakMap<Ts, ts.DocumentRegistry>();

function isInstalledDeclaration(fileName: string): boolean {
  return fileName.endsWith('.d.ts') && fileName.split(/[\\/]/).includes('node_modules');
}

function createChecker(typescript: Ts, root: string): Checker {
  const configPath = path.join(root, 'tsconfig.json');
  const parsed = typescript.getParsedCommandLineOfConfigFile(
    configPath,
    { noEmit: true },
    {
      ...typescript.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  const options: ts.CompilerOptions = { ...(parsed?.options ?? {}), noEmit: true, incremental: false, composite: false };
  // Ambient declarations (next-env.d.ts, global.d.ts) change what every file sees; the rest is reached by imports.
  // React's types too: the whole program has them from any file that imports React, so a component that
  // does not (a new `global-error.tsx`) still finds its JSX types even where `types` lists none.
  const reactTypes = typescript.resolveTypeReferenceDirective('react', configPath, options, typescript.sys).resolvedTypeReferenceDirective
    ?.resolvedFileName;
  const declarations = [...(parsed?.fileNames ?? []).filter((file) => file.endsWith('.d.ts')), ...(reactTypes ? [reactTypes] : [])];
  const cache = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
  const base = typescript.createCompilerHost(options, true);
  let registry = installedDeclarations.get(typescript);
  if (!registry) installedDeclarations.set(typescript, (registry = typescript.createDocumentRegistry(base.useCaseSensitiveFileNames())));
  const registryKey = registry.getKeyForCompilationSettings(options);
  let previous: ts.Program | undefined;
  return {
    diagnostics(files, overlay) {
      const readText = (fileName: string): string | undefined => {
        const planned = overlay.read(path.resolve(fileName));
        if (planned === null) return undefined;
        return planned ?? base.readFile(fileName);
      };
      const host: ts.CompilerHost = {
        ...base,
        fileExists: (fileName) => {
          const planned = overlay.read(path.resolve(fileName));
          return planned === undefined ? base.fileExists(fileName) : planned !== null;
        },
        // A file a fix creates may be the first in its folder (`app/actions/`), which is not on disk yet.
        directoryExists: (directoryName) =>
          overlay.plannedDirectories.has(path.resolve(directoryName)) || (base.directoryExists?.(directoryName) ?? true),
        readFile: readText,
        getSourceFile: (fileName, languageVersion) => {
          const text = readText(fileName);
          if (text === undefined) return undefined;
          const cached = cache.get(fileName);
          if (cached && cached.text === text) return cached.sourceFile;
          if (isInstalledDeclaration(fileName)) {
            const version = createHash('sha1').update(text).digest('hex');
            const absolute = path.resolve(fileName);
            const sourceFile = registry.acquireDocumentWithKey(
              absolute,
              absolute as ts.Path,
              options,
              registryKey,
              typescript.ScriptSnapshot.fromString(text),
              version,
              undefined,
              languageVersion,
            );
            cache.set(fileName, { text, sourceFile });
            return sourceFile;
          }
          const sourceFile = typescript.createSourceFile(fileName, text, languageVersion, true);
          cache.set(fileName, { text, sourceFile });
          return sourceFile;
        },
      };
      const existing = files.filter((file) => host.fileExists(file));
      // The last program lends its module resolutions and unchanged files: most of a program is the same from one check to the next.
      const program = typescript.createProgram({ rootNames: [...declarations, ...existing], options, host, oldProgram: previous });
      previous = program;
      const out = new Map<string, ts.Diagnostic[]>();
      for (const file of existing) {
        const sourceFile = program.getSourceFile(file);
        if (!sourceFile) continue;
        out.set(file, [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]);
      }
      return out;
    },
  };
}

/**
 * A message with the members of each union it quotes in one order: TypeScript lists a union in the
 * order its types were created, which another program (the same files, one changed) can change,
 * so `'"a" | "b"'` before and `'"b" | "a"'` after are the same error.
 */
export function unionOrderFree(message: string): string {
  return message.replace(/'([^'\n]*)'/g, (quoted: string, type: string) =>
    type.includes(' | ') ? `'${type.split(' | ').sort().join(' | ')}'` : quoted,
  );
}

/**
 * A package a fix starts importing is installed by the follow-up it declares (`npm install …`);
 * until then "cannot find module" is expected, not an error the fix made.
 */
function awaitsInstall(diagnostic: ts.Diagnostic, message: string): boolean {
  if (![2307, 2792, 7016].includes(diagnostic.code)) return false;
  const specifier = /'([^']+)'/.exec(message)?.[1];
  return specifier !== undefined && !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** The type gate for a project, or why it cannot run there. TypeScript loads only when it can. */
export async function createTypeGate(project: Project): Promise<{ gate: TypeGate | null; skipped: string | null }> {
  // A project without a tsconfig.json has no types to break: nothing to say.
  if (!existsSync(path.join(project.root, 'tsconfig.json'))) return { gate: null, skipped: null };
  const unavailable = typeGateUnavailable(project);
  if (unavailable) return { gate: null, skipped: unavailable };
  // Loaded at the first change to a script file: a run that changes none never pays for TypeScript.
  let loaded: { typescript: Ts; checker: Checker } | null = null;
  const load = async () => {
    if (!loaded) {
      const typescript = await loadTypeScript(project.root);
      loaded = { typescript, checker: createChecker(typescript, project.root) };
    }
    return loaded;
  };
  const root = project.root;
  const relative = (absPath: string) => path.relative(root, absPath).split(path.sep).join('/');
  // The project's own files are read through the changeset (every layer of planned changes under it); the rest from disk.
  // `under`: the changesets whose files `changeset` reads through.
  const overlayOf = (changeset: Changeset, ...under: Changeset[]): Overlay => {
    const plannedDirectories = new Set<string>();
    for (const change of [changeset, ...under].flatMap((layer) => layer.changes())) {
      if (change.after === null) continue;
      for (let dir = path.dirname(path.join(root, change.path)); dir.length > root.length; dir = path.dirname(dir))
        plannedDirectories.add(dir);
    }
    return {
      read: (absPath) => {
        const file = relative(absPath);
        if (file.startsWith('..') || path.isAbsolute(file) || file.split('/').includes('node_modules')) return undefined;
        return changeset.read(file);
      },
      plannedDirectories,
    };
  };

  const check: TypeGate['check'] = async (transform, planned, base) => {
    const changed = planned.changes().filter((change) => change.after !== null && CHECKED.test(change.path));
    if (changed.length === 0) return [];
    const absolute = changed.map((change) => path.join(root, change.path));
    const { typescript, checker } = await load();
    const format = (diagnostic: ts.Diagnostic) => typescript.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const before = checker.diagnostics(absolute, overlayOf(base));
    const after = checker.diagnostics(absolute, overlayOf(planned, base));
    const held: HeldBack[] = [];
    for (const [absPath, diagnostics] of after) {
      const known = new Map<string, number>();
      for (const diagnostic of before.get(absPath) ?? []) {
        const key = `${diagnostic.code} ${unionOrderFree(format(diagnostic))}`;
        known.set(key, (known.get(key) ?? 0) + 1);
      }
      const errors: string[] = [];
      for (const diagnostic of diagnostics) {
        if (diagnostic.category !== typescript.DiagnosticCategory.Error) continue;
        const message = format(diagnostic);
        const key = `${diagnostic.code} ${unionOrderFree(message)}`;
        const left = known.get(key) ?? 0;
        if (left > 0) {
          known.set(key, left - 1);
          continue;
        }
        if (awaitsInstall(diagnostic, message)) continue;
        const at =
          diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : null;
        errors.push(`${at ? `${at.line + 1}:${at.character + 1} ` : ''}TS${diagnostic.code} ${message.split('\n')[0]}`);
      }
      if (errors.length > 0) held.push({ transform: transform.meta.id, file: relative(absPath), errors });
    }
    return held;
  };

  const verdicts = new Map<string, HeldBack[]>();
  return {
    skipped: null,
    gate: {
      check,
      async holdBack(transform, planned, base) {
        // Each fixpoint pass plans a held-back fix again, identically: its verdict is kept, not recomputed.
        const key = JSON.stringify([transform.meta.id, planned.changes()]);
        const held = verdicts.get(key) ?? (await check(transform, planned, base));
        verdicts.set(key, held);
        if (held.length > 0)
          dropChanges(planned, base, transform.kind === 'project' ? planned.changes().map((c) => c.path) : held.map((h) => h.file));
        return held;
      },
    },
  };
}

/** Returns files of `planned` to what `base` holds, and a project transform's follow-ups with them. */
function dropChanges(planned: Changeset, base: Changeset, files: readonly string[]): void {
  for (const file of files) {
    const original = base.read(file);
    if (original === null) planned.delete(file);
    else planned.write(file, original);
  }
  if (planned.changes().length === 0) planned.followUps.length = 0;
}
