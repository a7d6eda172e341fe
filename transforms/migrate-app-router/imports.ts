import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { TextEdits, sourceTree } from '../../src/engine/codemod.ts';
import { importSites, isRelativeSpecifier, relativeSpecifier, type ModuleResolver } from '../../src/analysis/module-graph.ts';

/** Adds import lines after a module's last import (or at its top). */
export function addImportsText(api: JSCodeshift, source: string, lines: readonly string[]): string {
  const missing = lines.filter((line) => !source.includes(line));
  if (missing.length === 0) return source;
  const program = sourceTree(api, source).find(api.Program).get().node as { body: Array<{ type: string; end: number }> };
  const last = program.body.filter((n) => n.type === 'ImportDeclaration').at(-1);
  if (!last) return `${missing.join('\n')}\n\n${source}`;
  return `${source.slice(0, last.end)}\n${missing.join('\n')}${source.slice(last.end)}`;
}

/** A page's exports that are not page exports, moved to a module beside the page. */
export interface MovedExports {
  file: string;
  names: ReadonlySet<string>;
}

/**
 * The module, now at `to`, with each relative import pointing where it pointed from `from`, or to the
 * new home of a module that moved too (for an import of a moved page's other exports only, the module
 * that holds them now). Imports through tsconfig `paths` aliases and `baseUrl` stay as they are.
 */
export function rebaseImports(
  api: JSCodeshift,
  resolver: ModuleResolver,
  from: string,
  to: string,
  source: string,
  moved: ReadonlyMap<string, string>,
  movedExports: ReadonlyMap<string, MovedExports> = new Map(),
): string {
  const edits = new TextEdits(source);
  for (const site of importSites(api, source)) {
    if (!isRelativeSpecifier(site.specifier)) continue;
    const resolved = resolver.resolve(from, site.specifier);
    const exportsMoved = resolved ? movedExports.get(resolved.file) : undefined;
    const toExports = exportsMoved && site.names && site.names.length > 0 && site.names.every((name) => exportsMoved.names.has(name));
    const target = resolved
      ? toExports
        ? exportsMoved.file
        : (moved.get(resolved.file) ?? resolved.file)
      : path.posix.normalize(path.posix.join(path.posix.dirname(from), site.specifier));
    if (from === to && !(resolved && moved.has(resolved.file))) continue;
    const specifier = resolved
      ? relativeSpecifier(to, target, site.specifier)
      : relativeSpecifier(to, target, `${site.specifier}.x`).replace(/\.x$/, '');
    if (specifier !== site.specifier) {
      const quote = source[site.start];
      edits.replace(site.start, site.end, `${quote}${specifier}${quote}`);
    }
  }
  return edits.apply();
}
