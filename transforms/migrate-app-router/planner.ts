import path from 'node:path';
import { requirePackage } from '../../src/engine/require-package.cjs';
import type { JSCodeshift } from 'jscodeshift';
import type { Changeset } from '../../src/engine/changeset.ts';
import { TextEdits, todoNote } from '../../src/engine/codemod.ts';
import { importSites, isRelativeSpecifier, ModuleResolver, relativeSpecifier } from '../../src/analysis/module-graph.ts';
import {
  appEntry,
  appTarget,
  isUnder,
  normaliseRoute,
  pagesEntry,
  type PagesEntry,
  type RouterDirs,
} from '../../src/analysis/next-routes.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import { isSourceFile } from '../../src/project/load-project.ts';
import { applyRules, PAGE_RULES } from '../app-router/index.ts';
import * as appToProviders from '../app-router/app-to-providers.ts';
import { convertReachable } from './client-boundaries.ts';
import { addImportsText, rebaseImports, type MovedExports } from './imports.ts';
import { movePageExports } from './page-exports.ts';
import { keepPackagesExternal, packagesReached, reportReactDomServer, serverExternal } from './server-packages.ts';
import { appPropsPlace, layoutLoadsAppProps } from './app-props.ts';
import { appPropsModule } from '../app-router/lib/app/initial-props.ts';
import { asPage } from './split-page.ts';
import { convertApiRoute } from './api-route.ts';
import { PlanFailure } from './failure.ts';
import { likeOriginal } from './original-style.ts';
import { droppedCode } from './invariant.ts';
import { parseSource } from '../../src/engine/parse.ts';

const picomatch = requirePackage<typeof import('picomatch')>('picomatch');

interface Planned {
  entry: PagesEntry;
  target: string;
  content: string;
  extra: Array<{ file: string; content: string }>;
  /** Where the page's other exports went. */
  exports?: MovedExports;
}

/** A route that stays in pages/: its source, with the note that says why, and the reason. */
interface Stays {
  source: string;
  reason: string;
}

const GET_INITIAL_PROPS =
  '`getInitialProps` has no App Router equivalent: fetch the data in the page (an async server component) and run `shipshape migrate app-router` again';

/** A page or API route converted for app/, or why it stays. Throws a PlanFailure when a rule fails on it. */
function convertEntry(
  api: JSCodeshift,
  resolver: ModuleResolver,
  entry: PagesEntry,
  target: string,
  source: string,
  layoutAttributes: unknown,
): Planned | Stays {
  try {
    parseSource(entry.file, source);
  } catch (error) {
    throw new PlanFailure(entry.file, `it does not parse (${String((error as Error).message).split('\n')[0]})`);
  }
  if (entry.kind === 'api') return convertApiRoute(api, resolver, entry, target, source);
  if (/\bgetInitialProps\b/.test(source)) {
    const note = `// ${todoNote(GET_INITIAL_PROPS)}\n`;
    if (source.includes(note.trim())) return { source, reason: GET_INITIAL_PROPS };
    const edits = new TextEdits(source, entry.file);
    edits.insert(0, note);
    return { source: edits.apply(), reason: GET_INITIAL_PROPS };
  }
  const converted = rebaseImports(
    api,
    resolver,
    entry.file,
    target,
    applyRules(api, PAGE_RULES, entry.file, source, { route: entry.route, file: entry.file, layoutAttributes }),
    new Map(),
  );
  const exportsMoved = movePageExports(api, converted, target);
  const page = asPage(api, entry.file, exportsMoved?.page ?? converted, target);
  const extra = [...page.extra, ...(exportsMoved ? [exportsMoved.sibling] : [])].map((e) => ({
    file: e.file,
    content: likeOriginal(source, e.content, e.file),
  }));
  return {
    entry,
    target,
    content: likeOriginal(source, page.page, target),
    extra,
    ...(exportsMoved ? { exports: { file: exportsMoved.sibling.file, names: exportsMoved.sibling.names } } : {}),
  };
}

/** Every file a route becomes parses, and holds all the code of the original (see `droppedCode`). */
function assertKept(api: JSCodeshift, file: string, source: string, planned: Planned): void {
  for (const output of [{ file: planned.target, content: planned.content }, ...planned.extra]) {
    try {
      parseSource(output.file, output.content);
    } catch (error) {
      throw new PlanFailure(file, `its conversion to ${output.file} does not parse (${String((error as Error).message).split('\n')[0]})`);
    }
  }
  const lost = droppedCode(api, source, [planned.content, ...planned.extra.map((extra) => extra.content)]);
  if (lost.length > 0)
    throw new PlanFailure(
      file,
      `its conversion would drop ${lost.join(', ')}: nothing of it was written (a shipshape bug, please report it)`,
      true,
    );
}

/**
 * Plans the move of one app from pages/ to app/. Returns the files it wrote from a template alone
 * (no page or shell of the app behind them), which take the project's style once planned.
 */
export function migrateApp(
  api: JSCodeshift,
  root: string,
  projectFiles: readonly string[],
  app: RouterDirs,
  changeset: Changeset,
  options: Record<string, unknown>,
): string[] {
  const fromTemplate: string[] = [];
  const pagesDir = app.pages!;
  const appDir = app.app ?? pagesDir.replace(/pages$/, 'app');
  // A file shipshape may not read as text (not UTF-8, a link) is not one the migration can move: a page among them stays, with the reason.
  const unreadable = new Map<string, string>();
  const readable = (file: string) => {
    try {
      return changeset.read(file) !== null;
    } catch (error) {
      unreadable.set(file, String((error as Error).message));
      return false;
    }
  };
  const files = new Set(projectFiles.filter(readable));
  const exists = (file: string) => files.has(file) || readable(file);
  const resolver = new ModuleResolver(root, exists);
  const selected = typeof options.routes === 'string' && options.routes ? picomatch(options.routes.split(','), { dot: true }) : null;
  const entries = [...files]
    .map((file) => pagesEntry(pagesDir, file))
    .filter((e): e is PagesEntry => e !== null)
    .sort((a, b) => a.file.localeCompare(b.file));
  const existingRoutes = new Set(
    [...files]
      .map((file) => appEntry(appDir, file))
      .filter((e) => e !== null)
      .map((e) => normaliseRoute(e!.route)),
  );
  const moved = new Map<string, string>();
  const planned: Planned[] = [];

  const appShell = entries.find((e) => e.special === '_app');
  const layoutAttributes = appShell ? appToProviders.appLayoutAttributes(changeset.read(appShell.file)!, api) : null;
  const force = options.force === true;
  const stays = (file: string, reason: string) => changeset.followUp({ kind: 'manual', message: `${file} stays in pages/: ${reason}` });
  for (const file of projectFiles.filter((file) => unreadable.has(file))) {
    if (pagesEntry(pagesDir, file)) stays(file, unreadable.get(file)!);
  }
  for (const entry of entries.filter((e) => e.kind === 'page' || e.kind === 'api')) {
    if (selected && !selected(entry.route) && !selected(entry.file)) continue;
    const target = appTarget(appDir, entry);
    // A route app/ already serves stays where it is: writing a second one is what breaks the build.
    if (existingRoutes.has(normaliseRoute(entry.route)) || exists(target)) {
      stays(entry.file, `app/ already serves ${entry.route}: keep one of the two by hand`);
      continue;
    }
    const source = changeset.read(entry.file)!;
    try {
      const result = convertEntry(api, resolver, entry, target, source, layoutAttributes);
      if ('reason' in result) {
        if (result.source !== source) changeset.write(entry.file, result.source);
        stays(entry.file, result.reason);
        continue;
      }
      assertKept(api, entry.file, source, result);
      planned.push(result);
    } catch (error) {
      const failure = error instanceof PlanFailure ? error : new PlanFailure(entry.file, String((error as Error).message).split('\n')[0]!);
      if (!force) throw failure;
      const stay = `this ${entry.kind === 'api' ? 'API route' : 'page'} stays in pages/ (both routers run side by side): `;
      if (!source.includes(todoNote(stay))) {
        const note = `// ${todoNote(`${stay}${failure.reason}`)}\n`;
        const edits = new TextEdits(source, entry.file);
        edits.insert(0, note);
        changeset.write(entry.file, edits.apply());
      }
      stays(entry.file, failure.reason);
    }
  }

  for (const item of planned) moved.set(item.entry.file, item.target);
  const movedExports = new Map(planned.filter((item) => item.exports).map((item) => [item.entry.file, item.exports!]));
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
    const existingLayout =
      [...files].find((file) => isUnder(appDir, file) && /^layout\.(tsx|jsx|ts|js)$/.test(file.slice(appDir.length + 1))) ?? null;
    // A new root layout takes the shell's markup, styles and providers; an existing one takes the styles and providers when the shell goes.
    if (!existingLayout || (retireShell && appEntryFile)) {
      const layoutFile =
        existingLayout ??
        `${appDir}/layout.${documentEntry ? path.posix.extname(documentEntry.file).slice(1).replace(/^ts$/, 'tsx').replace(/^js$/, 'jsx') : ext}`;
      let layout = existingLayout
        ? changeset.read(existingLayout)!
        : documentEntry
          ? rebaseImports(
              api,
              resolver,
              documentEntry.file,
              layoutFile,
              applyRules(api, ['document-to-layout'], documentEntry.file, changeset.read(documentEntry.file)!, {}),
              moved,
            )
          : renderTemplate('code/root-layout.tsx', { typescript });
      if (!existingLayout && !documentEntry) fromTemplate.push(layoutFile);
      if (appEntryFile) {
        const appSource = changeset.read(appEntryFile.file)!;
        layout = appToProviders.withAppMetadata(api, layout, appSource, layoutFile);
        const styles = importSites(api, appSource).filter(
          (site) =>
            /\.(css|scss|sass|less)$/.test(site.specifier) &&
            new RegExp(`^import\\s+['"]${site.specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`, 'm').test(appSource),
        );
        const styleImports = styles.map(
          (site) =>
            `import '${isRelativeSpecifier(site.specifier) ? relativeSpecifier(layoutFile, path.posix.normalize(path.posix.join(path.posix.dirname(appEntryFile.file), site.specifier)), site.specifier) : site.specifier}';`,
        );
        const providersFile = `${appDir}/providers.${path.posix.extname(appEntryFile.file).slice(1).replace(/^ts$/, 'tsx').replace(/^js$/, 'jsx')}`;
        // What `getInitialProps` gave the App, the root layout loads: from a server module, since `providers` is client code.
        const appProps = appPropsPlace(appDir, appEntryFile.file, exists);
        const appPropsCode = appPropsModule(api, appSource, appProps.file);
        let providers = applyRules(
          api,
          ['app-to-providers', 'next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor'],
          appEntryFile.file,
          appSource,
          {
            kind: 'component',
            pagesDefineLayouts: entries.some((e) => e.kind === 'page' && /\.(getLayout|Layout)\s*=/.test(changeset.read(e.file) ?? '')),
            appPropsModule: appPropsCode === null ? null : appProps.fromApp,
          },
        );
        const onlyChildren = appToProviders.rendersOnlyChildren(providers, api);
        if (onlyChildren) {
          // No providers module to write: what is left to do by hand goes on the layout.
          const notes = providers
            .split('\n')
            .filter((line) => line.trim().startsWith('// TODO(shipshape):'))
            .map((line) => line.trim());
          if (notes.length > 0) layout = layout.replace(/^export default/m, `${notes.join('\n')}\nexport default`);
        }
        if (!onlyChildren && providers !== appSource && !exists(providersFile)) {
          providers = rebaseImports(api, resolver, appEntryFile.file, providersFile, providers, moved);
          specials.push({ from: null, target: providersFile, content: providers });
          if (retireShell) moved.set(appEntryFile.file, providersFile);
          const suspense = /useSearchParams\(/.test(providers);
          const wrapped = suspense
            ? '<Suspense fallback={null}><Providers>{children}</Providers></Suspense>'
            : '<Providers>{children}</Providers>';
          layout = layout.replace(/\{children\}/, wrapped);
          styleImports.push(`import { Providers } from './providers';`);
          if (suspense) styleImports.push("import { Suspense } from 'react';");
        }
        layout = addImportsText(api, layout, styleImports);
        if (appPropsCode !== null && !onlyChildren) {
          const code = rebaseImports(api, resolver, appEntryFile.file, appProps.file, appPropsCode, moved);
          specials.push({ from: null, target: appProps.file, content: likeOriginal(appSource, code, appProps.file) });
          layout = layoutLoadsAppProps(api, layout, layoutFile, appProps.fromLayout);
        }
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
      const content = applyRules(
        api,
        ['next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor', 'use-client'],
        notFound.file,
        changeset.read(notFound.file)!,
        { kind: 'component' },
      );
      specials.push({ from: notFound, target, content: rebaseImports(api, resolver, notFound.file, target, content, moved, movedExports) });
    }
    if (errorEntry && ![...files].some((file) => isUnder(appDir, file) && /^error\.[jt]sx?$/.test(file.slice(appDir.length + 1)))) {
      const extension = path.posix.extname(errorEntry.file);
      const target = `${appDir}/error${extension}`;
      const content = applyRules(
        api,
        ['next-head-to-metadata', 'next-router-to-navigation', 'link-without-anchor', 'error-page'],
        errorEntry.file,
        changeset.read(errorEntry.file)!,
        { kind: 'error' },
      );
      specials.push({
        from: errorEntry,
        target,
        content: rebaseImports(api, resolver, errorEntry.file, target, content, moved, movedExports),
      });
      specials.push({
        from: null,
        target: `${appDir}/global-error${extension}`,
        content: renderTemplate('code/global-error.tsx', { typescript: /\.tsx?$/.test(extension) }),
      });
      fromTemplate.push(`${appDir}/global-error${extension}`);
    }
  }

  const read = (file: string) => changeset.read(file);
  keepPackagesExternal(
    api,
    changeset,
    app.dir,
    packagesReached(
      api,
      resolver,
      planned.flatMap((item) => [{ file: item.target, content: item.content }, ...item.extra]),
      read,
      serverExternal,
    ),
    files,
  );
  reportReactDomServer(api, resolver, changeset, planned, read);

  // Write the pages, then remove what they replace.
  for (const item of planned) {
    for (const extra of item.extra) changeset.write(extra.file, extra.content);
    changeset.write(item.target, item.content);
  }
  // Imports of modules that moved (pages, `_app` types now in providers) point to where they went.
  for (const item of planned) {
    for (const file of [...item.extra.map((extra) => extra.file), item.target]) {
      const content = changeset.read(file)!;
      const rebased = rebaseImports(api, resolver, file, file, content, moved, movedExports);
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
    const rebased = rebaseImports(api, resolver, file, file, source, moved, movedExports);
    if (rebased !== source) changeset.write(file, rebased);
  }

  convertReachable(api, resolver, appDir, pagesDir, [...files], changeset);
  return fromTemplate.filter((file) => changeset.read(file) !== null);
}
