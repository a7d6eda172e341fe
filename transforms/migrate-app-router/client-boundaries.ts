import type { JSCodeshift } from 'jscodeshift';
import type { Changeset } from '../../src/engine/changeset.ts';
import { hasDirective, withUseClient } from '../app-router/lib/rules.ts';
import { sourceTree, todoNote } from '../../src/engine/codemod.ts';
import { clientReason } from '../app-router/use-client.ts';
import { importSites, type ModuleResolver } from '../../src/analysis/module-graph.ts';
import { isUnder } from '../../src/analysis/next-routes.ts';
import { isSourceFile } from '../../src/project/load-project.ts';
import { applyRules } from '../app-router/index.ts';
import { guardModuleScopeReads } from './browser-globals.ts';

/**
 * Components the App Router now renders: their `next/router` becomes `next/navigation`, their links lose
 * `<a>`, and the ones that need the browser get `'use client'` (only modules a server module imports
 * need it; a client module's imports are client code already).
 */
export function convertReachable(
  api: JSCodeshift,
  resolver: ModuleResolver,
  appDir: string,
  pagesDir: string | null,
  files: string[],
  changeset: Changeset,
): void {
  const appFiles = [
    ...new Set([
      ...files,
      ...changeset
        .changes()
        .filter((c) => c.after !== null)
        .map((c) => c.path),
    ]),
  ].filter((file) => isUnder(appDir, file) && isSourceFile(file) && changeset.read(file) !== null);
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
  // A module first reached from client code is visited again when server code imports it too, since only then
  // does it need a boundary of its own.
  const visitedFromServer = new Set<string>();
  const visitedFromClient = new Set<string>();
  const queue: Array<{ file: string; clientParent: boolean; importer: string | null }> = appFiles.map((file) => ({
    file,
    clientParent: false,
    importer: null,
  }));
  while (queue.length > 0) {
    const { file, clientParent, importer } = queue.shift()!;
    if (visitedFromServer.has(file) || (clientParent && visitedFromClient.has(file))) continue;
    let source = changeset.read(file);
    if (source === null) continue;
    const inApp = isUnder(appDir, file);
    if (!inApp && source.includes('next/router')) {
      if (fromPages.has(file)) {
        const note = `// ${todoNote('pages/ and app/ both render this module: import `useRouter` from `next/compat/router` (it returns null in app/) until every page has moved')}\n`;
        if (!source.includes(note.trim())) source = `${note}${source}`;
      } else {
        source = applyRules(api, ['next-router-to-navigation'], file, source, { kind: 'component' });
      }
    }
    if (!inApp && !fromPages.has(file))
      source = applyRules(api, ['link-without-anchor', 'next-head-to-metadata'], file, source, { kind: 'component' });
    if (inApp && source.includes('next/router'))
      source = applyRules(api, ['next-router-to-navigation'], file, source, { kind: 'component' });
    const original = changeset.read(file)!;
    if (/useSearchParams\(/.test(source) && !/useSearchParams\(/.test(original) && !/(^|\/)(page|layout)\.[jt]sx?$/.test(file)) {
      const note = `// ${todoNote('`useSearchParams()` needs a `<Suspense>` boundary around this component where a statically rendered page uses it, or `next build` stops')}\n`;
      source = source.replace(/^((['"])use client\2;?\n\n)?/, (directive) => `${directive}${note}`);
    }
    let isClient = clientParent || hasDirective(api, sourceTree(api, source), 'use client');
    if (!isClient && !/(^|\/)(page|layout|not-found|route|template|default)\.[cm]?[jt]sx?$/.test(file)) {
      const withDirective = applyRules(api, ['use-client'], file, source, {});
      if (withDirective !== source) {
        source = withDirective;
        isClient = true;
      } else if (importer && !hasDirective(api, sourceTree(api, source), 'use server')) {
        const boundary = hookModuleBoundary(api, file, source, importer, changeset);
        if (boundary !== null) {
          source = boundary;
          isClient = true;
        }
      }
    }
    // Client components prerender on the server too: a browser global read as the module loads throws there.
    if (!visitedFromServer.has(file) && !visitedFromClient.has(file)) {
      const guarded = guardModuleScopeReads(api, file, source);
      source = guarded.source;
      for (const read of guarded.unguarded)
        changeset.followUp({
          kind: 'manual',
          message: `${file}:${read.line} reads \`${read.name}\` as the module loads, and the server loads it without the browser's \`${read.name}\` to prerender the pages that import it: read it inside a function or an effect, or behind \`typeof window !== 'undefined'\``,
        });
    }
    if (source !== changeset.read(file)) changeset.write(file, source);
    (clientParent ? visitedFromClient : visitedFromServer).add(file);
    for (const site of importSites(api, source)) {
      const resolved = resolver.resolve(file, site.specifier);
      if (resolved && isSourceFile(resolved.file) && !isUnder(pagesDir, resolved.file))
        queue.push({ file: resolved.file, clientParent: isClient, importer: file });
    }
  }
}

/**
 * A module without JSX (a `.ts` hook module) that server code imports and that needs the browser. When it
 * exports only hooks, every importer calls them from client code, so it becomes a boundary; otherwise a server
 * importer may be reading one of its other exports, and `'use client'` would turn those into client references:
 * it is reported instead. Null when the module stays as it is.
 */
function hookModuleBoundary(api: JSCodeshift, file: string, source: string, importer: string, changeset: Changeset): string | null {
  const root = sourceTree(api, source);
  // Browser globals read inside functions are fine on the server until called; hooks and contexts are not.
  const reason = clientReason(api, root);
  if (reason !== 'calls hooks' && reason !== 'creates a context') return null;
  const exported: string[] = [];
  root.find(api.ExportNamedDeclaration).forEach((path) => {
    const node = path.node as {
      declaration?: { id?: { name?: string }; declarations?: Array<{ id: { name?: string } }> } | null;
      specifiers?: Array<{ exported: { name?: string } }>;
    };
    if (node.declaration?.id?.name) exported.push(node.declaration.id.name);
    for (const declarator of node.declaration?.declarations ?? []) exported.push(declarator.id.name ?? '');
    for (const specifier of node.specifiers ?? []) exported.push(specifier.exported.name ?? '');
  });
  root.find(api.ExportDefaultDeclaration).forEach((path) => {
    const declaration = path.node.declaration as { id?: { name?: string } | null; name?: string };
    exported.push(declaration.id?.name ?? declaration.name ?? 'default');
  });
  if (exported.length > 0 && exported.every((name) => /^use[A-Z]/.test(name))) return withUseClient(source);
  changeset.followUp({
    kind: 'manual',
    message: `${file} ${reason} and ${importer}, which renders on the server, imports it: move what the server needs into a module of its own, then mark ${file} \`'use client'\``,
  });
  return null;
}
