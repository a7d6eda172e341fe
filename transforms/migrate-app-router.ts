import path from 'node:path';
import picomatch from 'picomatch';
import type { JSCodeshift } from 'jscodeshift';
import type { Changeset } from '../src/engine/changeset.ts';
import { TextEdits, sourceTree } from '../src/engine/codemod.ts';
import { hasDirective, withUseClient, type RuleMeta } from '../src/engine/app-router-rules.ts';
import { importSites, ModuleResolver, relativeSpecifier } from '../src/engine/module-graph.ts';
import { appEntry, appTarget, isUnder, nextApps, normaliseRoute, pagesEntry, type PagesEntry, type RouterDirs } from '../src/engine/next-routes.ts';
import { renderTemplate } from '../src/engine/templates.ts';
import type { FileTransformFn, ProjectTransformContext } from '../src/engine/transform-types.ts';
import { isSourceFile } from '../src/project/load-project.ts';
import * as apiRouteHandler from './app-router/api-route-handler.ts';
import * as appToProviders from './app-router/app-to-providers.ts';
import * as documentToLayout from './app-router/document-to-layout.ts';
import * as errorPage from './app-router/error-page.ts';
import * as getServerSideProps from './app-router/get-server-side-props.ts';
import * as getStaticPaths from './app-router/get-static-paths.ts';
import * as getStaticProps from './app-router/get-static-props.ts';
import * as linkWithoutAnchor from './app-router/link-without-anchor.ts';
import * as nextHeadToMetadata from './app-router/next-head-to-metadata.ts';
import * as nextRouterToNavigation from './app-router/next-router-to-navigation.ts';
import * as pageLayout from './app-router/page-layout.ts';
import * as useClient from './app-router/use-client.ts';
import { meta } from './meta/migrate-app-router.ts';
export { meta };

export interface AppRouterRule {
  meta: RuleMeta;
  transform: FileTransformFn;
}

const rule = (module: { meta: RuleMeta; default: unknown }): AppRouterRule => ({ meta: module.meta, transform: module.default as FileTransformFn });

/** The conversion rules, in the order they apply to a page. */
export const APP_ROUTER_RULES: readonly AppRouterRule[] = [
  rule(getStaticPaths),
  rule(getServerSideProps),
  rule(getStaticProps),
  rule(pageLayout),
  rule(nextHeadToMetadata),
  rule(nextRouterToNavigation),
  rule(linkWithoutAnchor),
  rule(useClient),
  rule(apiRouteHandler),
  rule(appToProviders),
  rule(documentToLayout),
  rule(errorPage),
];

let jscodeshift: JSCodeshift | null = null;

async function j(): Promise<JSCodeshift> {
  jscodeshift ??= (await import('jscodeshift')).default.withParser('tsx');
  return jscodeshift;
}

/** Runs rules over a source in order; each sees the one before's output. */
function applyRules(api: JSCodeshift, ids: readonly string[], file: string, source: string, options: Record<string, unknown>): string {
  let current = source;
  for (const id of ids) {
    const found = APP_ROUTER_RULES.find((r) => r.meta.id === id)!;
    const output = found.transform({ path: file, source: current }, { j: api, jscodeshift: api, stats: () => {}, report: () => {} }, options as never);
    if (typeof output === 'string') current = output;
  }
  return current;
}

const PAGE_RULES = ['get-static-paths', 'get-server-side-props', 'get-static-props', 'page-layout', 'next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor'];
const COMPONENT_RULES = ['next-router-to-navigation', 'link-without-anchor', 'use-client'];
const SERVER_EXPORTS = new Set(['generateStaticParams', 'generateMetadata', 'metadata', 'viewport', 'revalidate', 'dynamic', 'dynamicParams', 'getPageProps']);

/** Names a top-level statement declares. */
function declared(node: { type: string; [key: string]: unknown }): string[] {
  const inner = (node.type === 'ExportNamedDeclaration' ? node.declaration : node) as { type: string; id?: { name: string }; declarations?: Array<{ id: { type: string; name?: string } }> } | null;
  if (!inner) return [];
  if (inner.id?.name) return [inner.id.name];
  return (inner.declarations ?? []).flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name!] : []));
}

/**
 * A page that needs the browser and the server is split: `page` keeps the data, metadata and static
 * params and renders the component from a `'use client'` module beside it.
 */
function splitPage(api: JSCodeshift, source: string, clientFile: string, pageFile: string): { page: string; client: string } | null {
  const root = sourceTree(api, source);
  const program = root.find(api.Program).get().node as { body: Array<{ type: string; [key: string]: unknown }> };
  const wrapperNode = program.body.find((n) => n.type === 'ExportDefaultDeclaration');
  const wrapper = wrapperNode?.declaration as { type: string; async?: boolean; id?: { name: string } } | undefined;
  const isWrapper = wrapper?.type === 'FunctionDeclaration' && (wrapper.async || /getPageProps|<\w+/.test(api(wrapperNode as never).toSource()));
  const server = program.body.filter((n) => n === wrapperNode || declared(n).some((name) => SERVER_EXPORTS.has(name)));
  const clientBody = program.body.filter((n) => !server.includes(n));
  const wrapperCode = api(wrapperNode as never).toSource();
  // The component the wrapper renders.
  const rendered = wrapperNode
    ? api(wrapperNode as never)
        .find(api.JSXOpeningElement)
        .nodes()
        .map((opening) => (opening.name.type === 'JSXIdentifier' ? opening.name.name : null))
        .find((name) => name !== null && clientBody.some((n) => declared(n).includes(name)))
    : undefined;
  let component = rendered && clientBody.some((n) => declared(n).includes(rendered)) ? rendered : null;
  let serverWrapper = wrapperCode;
  if (!component && wrapper && !isWrapper) return null;
  if (!component && wrapper?.type === 'FunctionDeclaration' && wrapper.id?.name) {
    // The component itself is the default export: it moves to the client module whole.
    component = wrapper.id.name;
    serverWrapper = '';
  }
  if (!component) return null;
  const sourceOf = (n: unknown) => api(n as never).toSource();
  const imports = program.body.filter((n) => n.type === 'ImportDeclaration');
  // Helpers the server statements use come along (types and constants are cheap to repeat).
  const serverNames = new Set<string>();
  const serverText = () => server.map(sourceOf).join('\n') + serverWrapper;
  let grew = true;
  while (grew) {
    grew = false;
    const text = serverText();
    for (const n of clientBody) {
      if (n.type === 'ImportDeclaration' || server.includes(n)) continue;
      const names = declared(n).length > 0 ? declared(n) : n.type === 'TSTypeAliasDeclaration' || n.type === 'TSInterfaceDeclaration' ? [(n.id as { name: string }).name] : [];
      if (names.some((name) => name !== component && new RegExp(`\\b${name}\\b`).test(text)) && !names.some((name) => serverNames.has(name))) {
        names.forEach((name) => serverNames.add(name));
        server.splice(server.length - (server.includes(wrapperNode!) ? 1 : 0), 0, n);
        grew = true;
      }
    }
  }
  const clientName = `./${path.posix.basename(clientFile).replace(/\.[jt]sx?$/, '')}`;
  const usesSearchParams = /useSearchParams\(/.test(source);
  let pageWrapper = serverWrapper;
  if (!pageWrapper) pageWrapper = `export default function Page() {\n  return <${component} />;\n}`;
  if (usesSearchParams) pageWrapper = pageWrapper.replace(new RegExp(`(<${component}\\b[^>]*/>)`), '<Suspense fallback={null}>$1</Suspense>');
  const serverImports = [...imports.map(sourceOf), `import ${component} from '${clientName}';`, ...(usesSearchParams ? ["import { Suspense } from 'react';"] : [])];
  const serverCode = [serverImports.join('\n'), ...server.filter((n) => n !== wrapperNode).map(sourceOf), pageWrapper].join('\n\n');
  const clientCode = [...imports.map(sourceOf).join('\n').split('\n\n'), ...clientBody.filter((n) => n.type !== 'ImportDeclaration').map((n) => (declared(n).includes(component!) ? asDefaultExport(sourceOf(n), n.type, component!) : sourceOf(n)))].join('\n\n');
  return { page: pruneImports(api, `${serverCode}\n`, pageFile), client: withUseClient(pruneImports(api, `${clientCode}\n`, clientFile)) };
}

/** A declaration made the module's default export. */
function asDefaultExport(code: string, type: string, name: string): string {
  const bare = code.replace(/^export (default )?/, '');
  return type === 'FunctionDeclaration' || type === 'ClassDeclaration' || /^(async )?function|^class/.test(bare) ? `export default ${bare}` : `${bare}\n\nexport default ${name};`;
}

/** Drops import bindings a module no longer uses, and imports left empty (side-effect imports stay). */
function pruneImports(api: JSCodeshift, source: string, _file: string): string {
  const root = sourceTree(api, source);
  const edits = new TextEdits(source);
  const code = source.replace(/^import[\s\S]*?from\s*['"][^'"]+['"];?$/gm, '');
  root.find(api.ImportDeclaration).forEach((p) => {
    const specifiers = p.node.specifiers ?? [];
    if (specifiers.length === 0) return;
    const used = specifiers.filter((s) => new RegExp(`(?<![\\w$.])${s.local!.name}(?![\\w$])`).test(code));
    if (used.length === specifiers.length) return;
    const node = p.node as unknown as { start: number; end: number; importKind?: string; source: { value: string } };
    const end = source[node.end] === '\n' ? node.end + 1 : node.end;
    if (used.length === 0) {
      edits.replace(node.start, end, '');
      return;
    }
    const defaultSpecifier = used.find((s) => s.type === 'ImportDefaultSpecifier');
    const named = used.filter((s) => s.type === 'ImportSpecifier').map((s) => api(s as never).toSource());
    const namespace = used.find((s) => s.type === 'ImportNamespaceSpecifier');
    const parts = [defaultSpecifier?.local?.name, namespace ? `* as ${namespace.local!.name}` : null, named.length > 0 ? `{ ${named.join(', ')} }` : null].filter(Boolean);
    edits.replace(node.start, node.end, `import ${node.importKind === 'type' ? 'type ' : ''}${parts.join(', ')} from '${node.source.value}';`);
  });
  return edits.apply();
}

export async function plan({ project, changeset, options }: ProjectTransformContext): Promise<void> {
  const api = await j();
  for (const app of nextApps(project)) {
    if (app.pages) {
      migrateApp(api, project.root, project.files, app, changeset, options);
    } else if (app.app) {
      // Nothing to move: what app/ renders still gets `next/navigation` and its client boundaries.
      const files = project.files.filter((file) => changeset.read(file) !== null);
      const resolver = new ModuleResolver(project.root, (file) => files.includes(file));
      convertReachable(api, resolver, app.app, null, files, changeset);
    }
  }
}

interface Planned {
  entry: PagesEntry;
  target: string;
  content: string;
  extra: Array<{ file: string; content: string }>;
}

function migrateApp(api: JSCodeshift, root: string, projectFiles: readonly string[], app: RouterDirs, changeset: Changeset, options: Record<string, unknown>): void {
  const pagesDir = app.pages!;
  const appDir = app.app ?? pagesDir.replace(/pages$/, 'app');
  const files = new Set(projectFiles.filter((file) => changeset.read(file) !== null));
  const exists = (file: string) => {
    if (files.has(file)) return true;
    try {
      return changeset.read(file) !== null;
    } catch {
      return false;
    }
  };
  const resolver = new ModuleResolver(root, exists);
  const selected = typeof options.routes === 'string' && options.routes ? picomatch(options.routes.split(','), { dot: true }) : null;
  const entries = [...files].map((file) => pagesEntry(pagesDir, file)).filter((e): e is PagesEntry => e !== null).sort((a, b) => a.file.localeCompare(b.file));
  const existingRoutes = new Set([...files].map((file) => appEntry(appDir, file)).filter((e) => e !== null).map((e) => normaliseRoute(e!.route)));
  const moved = new Map<string, string>();
  const planned: Planned[] = [];

  const appShell = entries.find((e) => e.special === '_app');
  const layoutAttributes = appShell ? appToProviders.appLayoutAttributes(changeset.read(appShell.file)!, api) : null;
  for (const entry of entries.filter((e) => e.kind === 'page' || e.kind === 'api')) {
    if (selected && !selected(entry.route) && !selected(entry.file)) continue;
    // A route app/ already serves stays where it is: writing a second one is what breaks the build.
    if (existingRoutes.has(normaliseRoute(entry.route))) continue;
    const source = changeset.read(entry.file)!;
    const target = appTarget(appDir, entry);
    if (exists(target)) continue;
    if (entry.kind === 'api') {
      const output = applyRules(api, ['api-route-handler'], entry.file, source, { route: entry.route, file: entry.file });
      if (/export\s+default\b/.test(output)) {
        // Not split safely: it stays an API route, with the reason next to it.
        if (output !== source) changeset.write(entry.file, output);
        continue;
      }
      planned.push({ entry, target, content: rebaseImports(api, resolver, entry.file, target, output, new Map()), extra: [] });
      continue;
    }
    if (/\bgetInitialProps\b/.test(source)) {
      const note = '// TODO(shipshape): `getInitialProps` has no App Router equivalent: fetch the data in the page (an async server component) and run `shipshape migrate app-router` again\n';
      if (source.includes(note.trim())) continue;
      const edits = new TextEdits(source, entry.file);
      edits.insert(0, note);
      changeset.write(entry.file, edits.apply());
      continue;
    }
    const converted = rebaseImports(api, resolver, entry.file, target, applyRules(api, PAGE_RULES, entry.file, source, { route: entry.route, file: entry.file, layoutAttributes }), new Map());
    const page = asPage(api, converted, target);
    planned.push({ entry, target, content: page.page, extra: page.extra });
  }

  for (const item of planned) moved.set(item.entry.file, item.target);
  const remainingPages = entries.filter((e) => e.kind === 'page' && !moved.has(e.file));
  const remainingAnything = entries.filter((e) => (e.kind === 'page' || e.kind === 'api') && !moved.has(e.file));
  const retireShell = remainingPages.length === 0 && !(options.keepPagesShell === true && remainingAnything.length > 0);
  const shell = (name: string) => entries.find((e) => e.special === name) ?? null;

  // Special files: layout from _document and _app, not-found, error.
  const typescript = [...files].some((file) => /\.tsx?$/.test(file) && isUnder(pagesDir, file));
  const ext = typescript ? 'tsx' : 'jsx';
  const specials: Array<{ from: PagesEntry | null; target: string; content: string }> = [];
  if (planned.length > 0 || retireShell) {
    const appEntryFile = shell('_app');
    const documentEntry = shell('_document');
    const existingLayout = [...files].find((file) => isUnder(appDir, file) && /^layout\.(tsx|jsx|ts|js)$/.test(file.slice(appDir.length + 1))) ?? null;
    // A new root layout takes the shell's markup, styles and providers; an existing one takes the styles and providers when the shell goes.
    if (!existingLayout || (retireShell && appEntryFile)) {
      const layoutFile = existingLayout ?? `${appDir}/layout.${documentEntry ? path.posix.extname(documentEntry.file).slice(1).replace(/^ts$/, 'tsx').replace(/^js$/, 'jsx') : ext}`;
      let layout = existingLayout
        ? changeset.read(existingLayout)!
        : documentEntry
          ? rebaseImports(api, resolver, documentEntry.file, layoutFile, applyRules(api, ['document-to-layout'], documentEntry.file, changeset.read(documentEntry.file)!, {}), moved)
          : renderTemplate('code/root-layout.tsx', { typescript });
      if (appEntryFile) {
        const appSource = changeset.read(appEntryFile.file)!;
        const styles = importSites(api, appSource).filter((site) => /\.(css|scss|sass|less)$/.test(site.specifier) && new RegExp(`^import\\s+['"]${site.specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`, 'm').test(appSource));
        const styleImports = styles.map((site) => `import '${site.specifier.startsWith('.') ? relativeSpecifier(layoutFile, path.posix.normalize(path.posix.join(path.posix.dirname(appEntryFile.file), site.specifier)), site.specifier) : site.specifier}';`);
        const providersFile = `${appDir}/providers.${path.posix.extname(appEntryFile.file).slice(1).replace(/^ts$/, 'tsx').replace(/^js$/, 'jsx')}`;
        let providers = applyRules(api, ['app-to-providers', 'next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor'], appEntryFile.file, appSource, { kind: 'component' });
        const onlyChildren = appToProviders.rendersOnlyChildren(providers, api);
        if (onlyChildren) {
          // No providers module to write: what is left to do by hand goes on the layout.
          const notes = providers.split('\n').filter((line) => line.trim().startsWith('// TODO(shipshape):')).map((line) => line.trim());
          if (notes.length > 0) layout = layout.replace(/^export default/m, `${notes.join('\n')}\nexport default`);
        }
        if (!onlyChildren && providers !== appSource && !exists(providersFile)) {
          providers = rebaseImports(api, resolver, appEntryFile.file, providersFile, providers, moved);
          specials.push({ from: null, target: providersFile, content: providers });
          if (retireShell) moved.set(appEntryFile.file, providersFile);
          const suspense = /useSearchParams\(/.test(providers);
          const wrapped = suspense ? '<Suspense fallback={null}><Providers>{children}</Providers></Suspense>' : '<Providers>{children}</Providers>';
          layout = layout.replace(/\{children\}/, wrapped);
          styleImports.push(`import { Providers } from './providers';`);
          if (suspense) styleImports.push("import { Suspense } from 'react';");
        }
        layout = addImportsText(api, layout, styleImports);
      }
      if (existingLayout) {
        if (layout !== changeset.read(existingLayout)) changeset.write(existingLayout, layout);
      } else {
        specials.push({ from: null, target: layoutFile, content: layout });
      }
    }
    const notFound = shell('404');
    const errorEntry = shell('500') ?? shell('_error');
    if (notFound && !exists(`${appDir}/not-found.${ext}`) && !exists(`${appDir}/not-found.tsx`) && !exists(`${appDir}/not-found.jsx`)) {
      const target = `${appDir}/not-found${path.posix.extname(notFound.file)}`;
      const content = applyRules(api, ['next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor', 'use-client'], notFound.file, changeset.read(notFound.file)!, { kind: 'component' });
      specials.push({ from: notFound, target, content: rebaseImports(api, resolver, notFound.file, target, content, moved) });
    }
    if (errorEntry && ![...files].some((file) => isUnder(appDir, file) && /^error\.[jt]sx?$/.test(file.slice(appDir.length + 1)))) {
      const extension = path.posix.extname(errorEntry.file);
      const target = `${appDir}/error${extension}`;
      const content = applyRules(api, ['next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor', 'error-page'], errorEntry.file, changeset.read(errorEntry.file)!, { kind: 'error' });
      specials.push({ from: errorEntry, target, content: rebaseImports(api, resolver, errorEntry.file, target, content, moved) });
      specials.push({ from: null, target: `${appDir}/global-error${extension}`, content: renderTemplate('code/global-error.tsx', { typescript: /\.tsx?$/.test(extension) }) });
    }
  }

  // Write the pages, then remove what they replace.
  for (const item of planned) {
    for (const extra of item.extra) changeset.write(extra.file, extra.content);
    changeset.write(item.target, item.content);
  }
  // Imports of modules that moved (pages, `_app` types now in providers) point to where they went.
  for (const item of planned) {
    for (const file of [...item.extra.map((extra) => extra.file), item.target]) {
      const content = changeset.read(file)!;
      const rebased = rebaseImports(api, resolver, file, file, content, moved);
      if (rebased !== content) changeset.write(file, rebased);
    }
    changeset.delete(item.entry.file);
    changeset.moves.set(item.target, item.entry.file);
  }
  for (const special of specials) {
    if (exists(special.target)) continue;
    changeset.write(special.target, special.content);
    if (special.from) changeset.moves.set(special.target, special.from.file);
  }
  if (retireShell) {
    for (const name of ['_app', '_document', '404', '500', '_error']) {
      const entry = shell(name);
      if (entry) changeset.delete(entry.file);
    }
  }

  // Imports of moved modules from files that stay.
  for (const file of [...files].filter(isSourceFile)) {
    if (moved.has(file) || changeset.read(file) === null) continue;
    const source = changeset.read(file)!;
    const rebased = rebaseImports(api, resolver, file, file, source, moved);
    if (rebased !== source) changeset.write(file, rebased);
  }

  convertReachable(api, resolver, appDir, pagesDir, [...files], changeset);
}

/** A converted page, split when it needs the browser and the server. */
function asPage(api: JSCodeshift, converted: string, target: string): { page: string; extra: Array<{ file: string; content: string }> } {
  const root = api(converted);
  const needsClient = useClient.clientReason(api, root) !== null;
  if (!needsClient) return { page: converted, extra: [] };
  const serverParts = /export (async )?(function|const) (generateStaticParams|generateMetadata|metadata|viewport|revalidate|dynamic|dynamicParams)\b|getPageProps/.test(converted);
  const searchParams = /useSearchParams\(/.test(converted);
  if (!serverParts && !searchParams) return { page: withUseClient(converted), extra: [] };
  const clientFile = target.replace(/page(\.[jt]sx?)$/, 'client-page$1');
  const split = splitPage(api, converted, clientFile, target);
  if (!split) return { page: withUseClient(converted), extra: [] };
  return { page: split.page, extra: [{ file: clientFile, content: split.client }] };
}

/** Adds import lines after a module's last import (or at its top). */
function addImportsText(api: JSCodeshift, source: string, lines: readonly string[]): string {
  const missing = lines.filter((line) => !source.includes(line));
  if (missing.length === 0) return source;
  const program = sourceTree(api, source).find(api.Program).get().node as { body: Array<{ type: string; end: number }> };
  const last = program.body.filter((n) => n.type === 'ImportDeclaration').at(-1);
  if (!last) return `${missing.join('\n')}\n\n${source}`;
  return `${source.slice(0, last.end)}\n${missing.join('\n')}${source.slice(last.end)}`;
}

/**
 * The module, now at `to`, with each relative import pointing where it pointed from `from`, or to the
 * new home of a module that moved too. Imports through tsconfig `paths` aliases stay as they are.
 */
function rebaseImports(api: JSCodeshift, resolver: ModuleResolver, from: string, to: string, source: string, moved: ReadonlyMap<string, string>): string {
  const edits = new TextEdits(source);
  for (const site of importSites(api, source)) {
    if (!site.specifier.startsWith('.')) continue;
    const resolved = resolver.resolve(from, site.specifier);
    const target = resolved ? (moved.get(resolved.file) ?? resolved.file) : path.posix.normalize(path.posix.join(path.posix.dirname(from), site.specifier));
    if (from === to && !(resolved && moved.has(resolved.file))) continue;
    const specifier = resolved ? relativeSpecifier(to, target, site.specifier) : relativeSpecifier(to, target, `${site.specifier}.x`).replace(/\.x$/, '');
    if (specifier !== site.specifier) {
      const quote = source[site.start];
      edits.replace(site.start, site.end, `${quote}${specifier}${quote}`);
    }
  }
  return edits.apply();
}

/**
 * Components the App Router now renders: their `next/router` becomes `next/navigation`, their links lose
 * `<a>`, and the ones that need the browser get `'use client'` (only modules a server module imports
 * need it; a client module's imports are client code already).
 */
function convertReachable(api: JSCodeshift, resolver: ModuleResolver, appDir: string, pagesDir: string | null, files: string[], changeset: Changeset): void {
  const appFiles = [...new Set([...files, ...changeset.changes().filter((c) => c.after !== null).map((c) => c.path)])].filter((file) => isUnder(appDir, file) && isSourceFile(file) && changeset.read(file) !== null);
  const pagesFiles = files.filter((file) => isUnder(pagesDir, file) && changeset.read(file) !== null && isSourceFile(file));
  const reach = (starts: string[]) => {
    const seen = new Set<string>();
    const queue = [...starts];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = changeset.read(file);
      if (source === null) continue;
      for (const site of importSites(api, source)) {
        const resolved = resolver.resolve(file, site.specifier);
        if (resolved && isSourceFile(resolved.file) && !seen.has(resolved.file)) queue.push(resolved.file);
      }
    }
    return seen;
  };
  const fromPages = reach(pagesFiles);
  // Breadth-first from the app's server modules: each module's imports inherit whether it runs on the client.
  const client = new Map<string, boolean>();
  const queue: Array<{ file: string; clientParent: boolean }> = appFiles.map((file) => ({ file, clientParent: false }));
  while (queue.length > 0) {
    const { file, clientParent } = queue.shift()!;
    if (client.has(file) && (client.get(file) || !clientParent)) continue;
    let source = changeset.read(file);
    if (source === null) continue;
    const inApp = isUnder(appDir, file);
    if (!inApp && source.includes('next/router')) {
      if (fromPages.has(file)) {
        const note = '// TODO(shipshape): pages/ and app/ both render this module: import `useRouter` from `next/compat/router` (it returns null in app/) until every page has moved\n';
        if (!source.includes(note.trim())) source = `${note}${source}`;
      } else {
        source = applyRules(api, ['next-router-to-navigation'], file, source, { kind: 'component' });
      }
    }
    if (!inApp && !fromPages.has(file)) source = applyRules(api, ['link-without-anchor', 'next-head-to-metadata'], file, source, { kind: 'component' });
    if (inApp && source.includes('next/router')) source = applyRules(api, ['next-router-to-navigation'], file, source, { kind: 'component' });
    const original = changeset.read(file)!;
    if (/useSearchParams\(/.test(source) && !/useSearchParams\(/.test(original) && !/(^|\/)(page|layout)\.[jt]sx?$/.test(file)) {
      const note = '// TODO(shipshape): `useSearchParams()` needs a `<Suspense>` boundary around this component where a statically rendered page uses it, or `next build` stops\n';
      source = source.replace(/^((['"])use client\2;?\n\n)?/, (directive) => `${directive}${note}`);
    }
    let isClient = clientParent || hasDirective(api, sourceTree(api, source), 'use client');
    if (!isClient && !/(^|\/)(page|layout|not-found|route|template|default)\.[jt]sx?$/.test(file) && /\.[jt]sx$/.test(file)) {
      const withDirective = applyRules(api, ['use-client'], file, source, {});
      if (withDirective !== source) {
        source = withDirective;
        isClient = true;
      }
    }
    if (source !== changeset.read(file)) changeset.write(file, source);
    client.set(file, isClient);
    for (const site of importSites(api, source)) {
      const resolved = resolver.resolve(file, site.specifier);
      if (resolved && isSourceFile(resolved.file) && !isUnder(pagesDir, resolved.file)) queue.push({ file: resolved.file, clientParent: isClient });
    }
  }
}


