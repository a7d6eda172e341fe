import path from 'node:path';
import { isSourceFile } from '../../project/load-project.ts';
import { readTextFile } from '../../project/files.ts';
import { packageFor } from '../../project/packages.ts';
import type { PackageInfo, Project } from '../../project/types.ts';
import { ModuleResolver } from '../module-graph.ts';
import { type ImportFact, type ModuleFacts, moduleFacts } from './module-facts.ts';
import { EXPORTS_TYPES, typeOnlyImports } from './type-imports.ts';
import { isPageFile, serverOnlyImportsOfPage } from './pages.ts';

/**
 * Which modules run in the browser, and why: the import chain from a module to the entry point
 * that makes it client code. Built from a text pass over imports and directives, made while the
 * scan holds each file's text, and no parse (Pages Router pages excepted: they are few, and telling
 * an import used by `getServerSideProps` from one used by the component needs their tree).
 */
export interface ClientGraph {
  isClient(file: string): boolean;
  /** `components/Chat.tsx ← app/chat/page.tsx ('use client')`, or null for server code. */
  chain(file: string): string | null;
  /** The files that import `file`, for questions about who may call a module. */
  importers(file: string): readonly string[];
  /** The entry points that reach `file`: App Router or Pages Router files, server action modules, Vite/CRA/Expo app files. */
  entries(file: string): string[];
  /** The project file an import specifier in `from` names, or null for a package or a missing file. */
  resolve(from: string, specifier: string): string | null;
  /** What the text pass found in a source file: directive, `server-only`, imports. */
  moduleFacts(file: string): ModuleFacts | null;
  /** The imports a client module brings into the bundle (a page's data-function-only imports left out); none for server code. */
  browserImports(file: string): readonly ImportFact[];
}

/** Runs in the browser on its own: a file with one of these reasons is an entry point of client code. */
export type EntryReason = `'use client'` | 'Pages Router page' | `${string} app: all of it runs in the browser`;
/** Apps whose every module is bundled for the browser, by the package that builds them. */
export const BROWSER_ONLY_APPS: Array<[string, string]> = [
  ['react-scripts', 'CRA'],
  ['expo', 'Expo'],
  ['vite', 'Vite'],
];
/** Vite also builds full-stack frameworks, whose server code is not browser code. */
export const VITE_FULL_STACK = [
  '@remix-run/dev',
  '@react-router/dev',
  '@sveltejs/kit',
  'astro',
  'nuxt',
  '@tanstack/react-start',
  '@tanstack/start',
  'vike',
  'next',
];
/** In a browser-only app these still run on a server or at build time. */
export const NOT_BUNDLED =
  /(^|\/)(api|server|scripts|supabase|functions|netlify|test|tests|__tests__|e2e)\/|(^|\/)[^/]*\.(config|test|spec)\.[cm]?[jt]sx?$/;

export interface Edge {
  target: string;
  specifier: string;
  /** Named imports of a TypeScript module by a TypeScript module: erased if only types are used. */
  mayBeTypes: boolean;
}

export function browserOnlyApp(pkg: PackageInfo): string | null {
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const [dependency, name] of BROWSER_ONLY_APPS) {
    if (!(dependency in all)) continue;
    if (dependency === 'vite' && VITE_FULL_STACK.some((framework) => framework in all)) continue;
    return name;
  }
  return null;
}

export function buildClientGraph(project: Project, seeded: ReadonlyMap<string, ModuleFacts>): ClientGraph {
  const files = new Set(project.files);
  const modules = new ModuleResolver(project.root, (file) => files.has(file));
  const resolver = { resolve: (from: string, specifier: string) => modules.resolve(from, specifier)?.file ?? null };
  const facts = new Map<string, ModuleFacts>();
  const edges = new Map<string, Edge[]>();
  const importers = new Map<string, string[]>();
  const entryReasons = new Map<string, EntryReason>();
  const browserImports = new Map<string, ImportFact[]>();
  const textOf = (file: string): string | null => {
    const read = readTextFile(path.join(project.root, file));
    return read.ok ? read.text : null;
  };

  for (const file of project.files) {
    if (!isSourceFile(file)) continue;
    let moduleInfo = seeded.get(file);
    if (!moduleInfo) {
      const text = textOf(file);
      if (text === null) continue;
      moduleInfo = moduleFacts(text);
    }
    facts.set(file, moduleInfo);
    const pkg = packageFor(project.packages, file);
    const page = isPageFile(pkg, file);
    const pageText = page ? textOf(file) : null;
    const serverOnlyImports = pageText !== null ? serverOnlyImportsOfPage(file, pageText) : new Set<string>();
    const targets: Edge[] = [];
    for (const { specifier, namedOnly } of moduleInfo.imports) {
      const target = resolver.resolve(file, specifier);
      if (!target || target === file) continue;
      (importers.get(target) ?? importers.set(target, []).get(target)!).push(file);
      if (!serverOnlyImports.has(specifier))
        targets.push({ target, specifier, mayBeTypes: namedOnly === true && /\.tsx?$/.test(file) && /\.tsx?$/.test(target) });
    }
    edges.set(file, targets);
    browserImports.set(
      file,
      serverOnlyImports.size > 0 ? moduleInfo.imports.filter((i) => !serverOnlyImports.has(i.specifier)) : moduleInfo.imports,
    );
    if (moduleInfo.directive === 'client') entryReasons.set(file, `'use client'`);
    else if (page) {
      entryReasons.set(file, 'Pages Router page');
    } else if (pkg && !pkg.next) {
      const app = browserOnlyApp(pkg);
      const inPackage = pkg.dir ? file.slice(pkg.dir.length + 1) : file;
      if (app && !NOT_BUNDLED.test(inPackage)) entryReasons.set(file, `${app} app: all of it runs in the browser`);
    }
  }

  // Breadth-first from every entry, so each client module keeps its shortest chain.
  const parent = new Map<string, string | null>();
  const queue = [...entryReasons.keys()].sort();
  for (const entry of queue) parent.set(entry, null);
  const typeOnly = new Map<string, Set<string>>();
  // An import of types alone is erased, so the module it names is not bundled with this one: asked only of client modules.
  const erased = (file: string, { target, specifier, mayBeTypes }: Edge) => {
    if (!mayBeTypes || !EXPORTS_TYPES.test(textOf(target) ?? '')) return false;
    if (!typeOnly.has(file)) typeOnly.set(file, typeOnlyImports(file, textOf(file) ?? ''));
    return typeOnly.get(file)!.has(specifier);
  };
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const edge of edges.get(file) ?? []) {
      const { target } = edge;
      if (parent.has(target) || erased(file, edge)) continue;
      const info = facts.get(target);
      // Server actions and `server-only` modules stay on the server (the latter fail the build instead).
      if (info?.directive === 'server' || info?.serverOnly) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }

  const entriesCache = new Map<string, string[]>();
  const entries = (file: string): string[] => {
    const cached = entriesCache.get(file);
    if (cached) return cached;
    const found = new Set<string>();
    const seen = new Set<string>([file]);
    const stack = [file];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const from = importers.get(current) ?? [];
      // A server action module is where server code starts: whoever calls it does so over the network.
      if (current !== file && facts.get(current)?.directive === 'server') {
        found.add(current);
        continue;
      }
      if (from.length === 0 || entryReasons.has(current) || /(^|\/)(app|pages)\/|(^|\/)middleware\.[jt]s$/.test(current))
        found.add(current);
      for (const importer of from) {
        if (!seen.has(importer)) {
          seen.add(importer);
          stack.push(importer);
        }
      }
    }
    const result = [...found].sort();
    entriesCache.set(file, result);
    return result;
  };

  return {
    isClient: (file) => parent.has(file),
    chain(file) {
      if (!parent.has(file)) return null;
      const links: string[] = [];
      for (let current: string | null = file; current !== null; current = parent.get(current) ?? null) links.push(current);
      const entry = links.at(-1)!;
      return `${links.join(' ← ')} (${entryReasons.get(entry)})`;
    },
    importers: (file) => importers.get(file) ?? [],
    entries,
    resolve: (from, specifier) => resolver.resolve(from, specifier),
    moduleFacts: (file) => facts.get(file) ?? null,
    browserImports: (file) => (parent.has(file) ? (browserImports.get(file) ?? []) : []),
  };
}
