import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import type { ModuleResolver } from '../../src/analysis/module-graph.ts';
import type { PagesEntry } from '../../src/analysis/next-routes.ts';
import { applyRules } from '../app-router/index.ts';
import * as apiRouteHandler from '../app-router/api-route-handler.ts';
import { rebaseImports } from './imports.ts';
import { likeOriginal } from './original-style.ts';

/** The first `TODO(shipshape)` a rule added to a module, as the reason it stays. */
export function addedNote(before: string, after: string): string | null {
  const line = after.split('\n').find((l) => l.includes('TODO(shipshape):') && !before.includes(l.trim()));
  return line
    ? line
        .replace(/^.*TODO\(shipshape\):\s*/, '')
        .replace(/\*\/\s*$/, '')
        .trim()
    : null;
}

/** A route handler that renders JSX (an `ImageResponse`) must be a `.tsx`/`.jsx` file, or it does not parse. */
function withJsxExtension(api: JSCodeshift, target: string, code: string): string {
  if (!/\.[jt]s$/.test(target)) return target;
  const root = api.withParser('tsx')(code);
  return root.find(api.JSXElement).size() + root.find(api.JSXFragment).size() > 0 ? `${target}x` : target;
}

/** `new URL('../../assets/font.ttf', import.meta.url)` points at the same file from the route's new folder. */
function rebaseAssetUrls(code: string, from: string, to: string): string {
  return code.replace(
    /(new\s+URL\(\s*)(['"])(\.\.?\/[^'"]+)\2(\s*,\s*import\.meta\.url\s*\))/g,
    (_whole, opening: string, quote: string, specifier: string, closing: string) => {
      const asset = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
      const relative = path.posix.relative(path.posix.dirname(to), asset);
      return `${opening}${quote}${relative.startsWith('.') ? relative : `./${relative}`}${quote}${closing}`;
    },
  );
}

/** An API route as a route handler beside its new folder, or the note that keeps it in pages/. */
export function convertApiRoute(
  api: JSCodeshift,
  resolver: ModuleResolver,
  entry: PagesEntry,
  planned: string,
  source: string,
): { entry: PagesEntry; target: string; content: string; extra: [] } | { source: string; reason: string } {
  const output = applyRules(api, ['api-route-handler'], entry.file, source, { route: entry.route, file: entry.file });
  // Not split safely: it stays an API route, with the reason next to it.
  if (apiRouteHandler.leftInPages(output))
    return { source: output, reason: addedNote(source, output) ?? 'the api-route-handler rule could not turn it into route handlers' };
  const target = withJsxExtension(api, planned, output);
  const rebased = rebaseAssetUrls(rebaseImports(api, resolver, entry.file, target, output, new Map()), entry.file, target);
  return { entry, target, content: likeOriginal(source, rebased, target), extra: [] };
}
