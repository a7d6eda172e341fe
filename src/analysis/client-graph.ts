import path from 'node:path';
import type { Node } from '@babel/types';
import { isSourceFile } from '../project/load-project.ts';
import { readTextFile } from '../project/files.ts';
import { packageFor } from '../project/packages.ts';
import type { PackageInfo, Project } from '../project/types.ts';
import { parseSource } from '../engine/parse.ts';
import { sdkOf } from './server-sdks.ts';
import { ModuleResolver } from './module-graph.ts';
import { mergeVisitors, walk } from '../engine/walk.ts';
import { LineIndex } from '../engine/line-index.ts';

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
type EntryReason = `'use client'` | 'Pages Router page' | `${string} app: all of it runs in the browser`;

const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use (client|server)\1/;
const STATIC_IMPORT = /(?:^|[\n;])[ \t\ufeff]*(import|export)\s+(type\s+)?(?:([\w$*{}\s,]*?)\s+from\s+)?(['"])([^'"\n]+)\4/g;
const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const SERVER_ONLY_IMPORT = /(?:^|[\n;])\s*import\s+['"]server-only['"]/;
const PAGE_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);

/** Apps whose every module is bundled for the browser, by the package that builds them. */
const BROWSER_ONLY_APPS: Array<[string, string]> = [
  ['react-scripts', 'CRA'],
  ['expo', 'Expo'],
  ['vite', 'Vite'],
];
/** Vite also builds full-stack frameworks, whose server code is not browser code. */
const VITE_FULL_STACK = [
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
const NOT_BUNDLED =
  /(^|\/)(api|server|scripts|supabase|functions|netlify|test|tests|__tests__|e2e)\/|(^|\/)[^/]*\.(config|test|spec)\.[cm]?[jt]sx?$/;

export interface ImportFact {
  specifier: string;
  /** Where the import is, for server SDK imports (the only ones reported); 0 for the others. */
  line: number;
  column: number;
  /** `import { a, b } from '…'`: bindings that TypeScript erases when the module uses them only as types. */
  namedOnly?: true;
}

interface Edge {
  target: string;
  specifier: string;
  /** Named imports of a TypeScript module by a TypeScript module: erased if only types are used. */
  mayBeTypes: boolean;
}

export interface ModuleFacts {
  directive: 'client' | 'server' | null;
  serverOnly: boolean;
  /** Imports that bring code (not `import type`), where they are. */
  imports: ImportFact[];
}

/** Only `type` specifiers in braces: `import { type A, type B } from 'x'` brings no code. */
const TYPE_ONLY_CLAUSE = /^\s*\{\s*type\s+[\w$]+(\s+as\s+[\w$]+)?(\s*,\s*type\s+[\w$]+(\s+as\s+[\w$]+)?)*\s*,?\s*\}\s*$/;

const NAMED_ONLY_CLAUSE = /^\s*\{[^}]*\}\s*$/;
/** A module that exports types: only such a module can be imported for types alone. */
const EXPORTS_TYPES = /\bexport\s+(?:declare\s+)?(?:interface|type)\b/;
/** Where an identifier is a type, which TypeScript erases: annotations, type arguments, interfaces and aliases. */
const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeParameters', 'implements']);
const TYPE_NODES = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSTypeReference', 'TSTypeQuery']);
const NOT_CHILDREN = new Set(['loc', 'start', 'end', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'range']);

/**
 * The specifiers of `file` whose imported bindings it uses only as types, so the import brings no code.
 * Every identifier outside a type position counts as a use of the value, property names included.
 */
function typeOnlyImports(file: string, text: string): Set<string> {
  let ast;
  try {
    ast = parseSource(file, text);
  } catch {
    return new Set();
  }
  const bindingsBySource = new Map<string, string[]>();
  const valueSources = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    const source = statement.source.value;
    if (statement.specifiers.length === 0 || statement.specifiers.some((specifier) => specifier.type !== 'ImportSpecifier'))
      valueSources.add(source);
    bindingsBySource.set(source, [
      ...(bindingsBySource.get(source) ?? []),
      ...statement.specifiers.map((specifier) => specifier.local.name),
    ]);
  }
  const usedAsValue = new Set<string>();
  const visit = (node: unknown, inType: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, inType);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
    const { type } = node as { type: string };
    if (type === 'ImportDeclaration') return;
    const typeHere = inType || TYPE_NODES.has(type);
    if (!typeHere && (type === 'Identifier' || type === 'JSXIdentifier')) usedAsValue.add((node as { name: string }).name);
    for (const [key, child] of Object.entries(node)) if (!NOT_CHILDREN.has(key)) visit(child, typeHere || TYPE_KEYS.has(key));
  };
  visit(ast.program.body, false);
  const typeOnly = new Set<string>();
  for (const [source, names] of bindingsBySource) {
    if (!valueSources.has(source) && !names.some((name) => usedAsValue.has(name))) typeOnly.add(source);
  }
  return typeOnly;
}

/** A text pass, no parse: the directive, `server-only`, and the imports that bring code. */
export function moduleFacts(text: string): ModuleFacts {
  let lines: LineIndex | null = null;
  const imports: ImportFact[] = [];
  const add = (specifier: string, offset: number, namedOnly = false) => {
    // Only imports of server SDKs are ever reported: the others need no line number.
    const where = sdkOf(specifier) ? (lines ??= new LineIndex(text)).position(offset) : { line: 0, column: 0 };
    imports.push(namedOnly ? { specifier, ...where, namedOnly } : { specifier, ...where });
  };
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const clause = match[3];
    if (match[2] || (clause !== undefined && clause.includes('type') && TYPE_ONLY_CLAUSE.test(clause))) continue;
    add(
      match[5]!,
      match.index! + match[0].indexOf(match[1]!),
      match[1] === 'import' && clause !== undefined && NAMED_ONLY_CLAUSE.test(clause),
    );
  }
  if (text.includes('import(') || text.includes('require(')) {
    for (const match of text.matchAll(DYNAMIC_IMPORT)) add(match[2]!, match.index!);
  }
  const directive = text.includes('use ') ? (DIRECTIVE.exec(text)?.[2] as ModuleFacts['directive'] | undefined) : undefined;
  return { directive: directive ?? null, serverOnly: text.includes('server-only') && SERVER_ONLY_IMPORT.test(text), imports };
}

function browserOnlyApp(pkg: PackageInfo): string | null {
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const [dependency, name] of BROWSER_ONLY_APPS) {
    if (!(dependency in all)) continue;
    if (dependency === 'vite' && VITE_FULL_STACK.some((framework) => framework in all)) continue;
    return name;
  }
  return null;
}

function routerDir(pkg: PackageInfo, file: string, router: 'pages' | 'app'): string | null {
  for (const dir of [router, `src/${router}`]) {
    const prefix = pkg.dir ? `${pkg.dir}/${dir}/` : `${dir}/`;
    if (pkg.routers.includes(dir) && file.startsWith(prefix)) return file.slice(prefix.length);
  }
  return null;
}

function isPageFile(pkg: PackageInfo | null, file: string): boolean {
  if (!pkg?.next || !isSourceFile(file)) return false;
  const inPages = routerDir(pkg, file, 'pages');
  return inPages !== null && !inPages.startsWith('api/') && !/^_document\.[^/]+$/.test(inPages);
}

/** The bindings of a page's imports that only its data functions use: Next.js drops them from the browser bundle. */
function serverOnlyImportsOfPage(file: string, text: string): Set<string> {
  let ast;
  try {
    ast = parseSource(file, text);
  } catch {
    return new Set();
  }
  const bindingsBySource = new Map<string, Set<string>>();
  const usedInClient = new Set<string>();
  const dataFunctionRanges: Array<[number, number]> = [];
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type') {
      const names = new Set(statement.specifiers.map((specifier) => specifier.local.name));
      const existing = bindingsBySource.get(statement.source.value) ?? new Set();
      for (const name of names) existing.add(name);
      bindingsBySource.set(statement.source.value, existing);
      if (names.size === 0) usedInClient.add(`\0${statement.source.value}`);
    }
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      const declaration = statement.declaration;
      const names =
        declaration.type === 'FunctionDeclaration'
          ? [declaration.id?.name]
          : declaration.type === 'VariableDeclaration'
            ? declaration.declarations.map((d) => (d.id.type === 'Identifier' ? d.id.name : undefined))
            : [];
      if (names.some((name) => name && PAGE_DATA_FUNCTIONS.has(name))) dataFunctionRanges.push([declaration.start!, declaration.end!]);
    }
  }
  const inDataFunction = (node: Node) => dataFunctionRanges.some(([start, end]) => node.start! >= start && node.end! <= end);
  walk(
    ast,
    mergeVisitors([
      {
        Identifier(node, ancestors) {
          const parent = ancestors.at(-1);
          if (
            parent?.type === 'ImportSpecifier' ||
            parent?.type === 'ImportDefaultSpecifier' ||
            parent?.type === 'ImportNamespaceSpecifier'
          )
            return;
          if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
          if (
            (parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') &&
            parent.key === node &&
            !parent.computed &&
            !(parent.type === 'ObjectProperty' && parent.shorthand)
          )
            return;
          if (!inDataFunction(node)) usedInClient.add((node as { name: string }).name);
        },
        JSXIdentifier(node, ancestors) {
          const parent = ancestors.at(-1);
          if (parent?.type === 'JSXAttribute') return;
          if (!inDataFunction(node)) usedInClient.add((node as { name: string }).name);
        },
      },
    ]),
  );
  const serverOnly = new Set<string>();
  for (const [source, names] of bindingsBySource) {
    if (names.size > 0 && ![...names].some((name) => usedInClient.has(name))) serverOnly.add(source);
  }
  return serverOnly;
}

function buildClientGraph(project: Project, seeded: ReadonlyMap<string, ModuleFacts>): ClientGraph {
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

const graphs = new WeakMap<Project, ClientGraph>();
const seeds = new WeakMap<Project, Map<string, ModuleFacts>>();

/** What a scan's read of each file already found, so building the graph reads no file twice. */
export function seedModuleFacts(project: Project, facts: Iterable<[string, ModuleFacts]>): void {
  const seed = seeds.get(project) ?? new Map<string, ModuleFacts>();
  for (const [file, moduleInfo] of facts) seed.set(file, moduleInfo);
  seeds.set(project, seed);
}

/** The project's client graph, built on first use and shared by every check of one scan. */
export function clientGraph(project: Project): ClientGraph {
  let graph = graphs.get(project);
  if (!graph) {
    graph = buildClientGraph(project, seeds.get(project) ?? new Map());
    graphs.set(project, graph);
    seeds.delete(project);
  }
  return graph;
}

/** Whether a node sits inside a Pages Router data function, which runs only on the server. */
export function inPageDataFunction(ancestors: readonly Node[]): boolean {
  return ancestors.some((node) => {
    if (node.type === 'FunctionDeclaration') return PAGE_DATA_FUNCTIONS.has(node.id?.name ?? '');
    if (node.type === 'VariableDeclarator') return node.id.type === 'Identifier' && PAGE_DATA_FUNCTIONS.has(node.id.name);
    return false;
  });
}

/** Something a check found in a file, to be reported only if the file turns out to be client code. */
export interface ClientCodeFact {
  file: string;
  line: number;
  column: number;
  /** Inside a Pages Router data function, which never reaches the browser. */
  serverSide: boolean;
}

/** Each fact that sits in client code, in file order, with the import chain that makes it client code. */
export function inClientCode<T extends ClientCodeFact>(project: Project, facts: readonly unknown[]): Array<{ fact: T; chain: string }> {
  if (facts.length === 0) return [];
  const graph = clientGraph(project);
  return (facts as T[])
    .filter((fact) => !fact.serverSide)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .flatMap((fact) => {
      const chain = graph.chain(fact.file);
      return chain ? [{ fact, chain }] : [];
    });
}

/**
 * Whether these files run only as App Router server code: not client code, and every entry point
 * that reaches them is under `app/`. `server-only` works there, and throws in Pages Router code.
 */
export function onlyInAppRouterServerCode(project: Project, files: readonly string[]): boolean {
  const graph = clientGraph(project);
  return files.every((file) => {
    const pkg = packageFor(project.packages, file);
    if (!pkg?.next || graph.isClient(file)) return false;
    const appDirs = pkg.routers
      .filter((router) => router.endsWith('app'))
      .map((router) => (pkg.dir ? `${pkg.dir}/${router}/` : `${router}/`));
    const entries = graph.entries(file);
    const serverAction = (entry: string) => graph.moduleFacts(entry)?.directive === 'server';
    return (
      entries.length > 0 &&
      entries.every((entry) => serverAction(entry) || (appDirs.some((dir) => entry.startsWith(dir)) && !graph.isClient(entry)))
    );
  });
}
