import type { JSCodeshift } from 'jscodeshift';
import type { Changeset } from '../../src/engine/changeset.ts';
import { hasDirective } from '../app-router/lib/rules.ts';
import { sourceTree } from '../../src/engine/codemod.ts';
import { importSites, type ModuleResolver } from '../../src/analysis/module-graph.ts';
import { isUnder } from '../../src/analysis/next-routes.ts';
import { isSourceFile } from '../../src/project/load-project.ts';
import { applyRules } from '../app-router/index.ts';

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
        const note =
          '// TODO(shipshape): pages/ and app/ both render this module: import `useRouter` from `next/compat/router` (it returns null in app/) until every page has moved\n';
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
      const note =
        '// TODO(shipshape): `useSearchParams()` needs a `<Suspense>` boundary around this component where a statically rendered page uses it, or `next build` stops\n';
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
      if (resolved && isSourceFile(resolved.file) && !isUnder(pagesDir, resolved.file))
        queue.push({ file: resolved.file, clientParent: isClient });
    }
  }
}
