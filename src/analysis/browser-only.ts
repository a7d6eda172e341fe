import type { ClientGraph } from './client-graph.ts';

const PAGES_PAGE = /(^|\/)(src\/)?pages\/(?!api\/)/;

/**
 * Whether a module runs only in the browser: a `'use client'` module, a Pages Router page, or a
 * module every importer of which runs only in the browser. A module that server code imports runs there too.
 */
export function browserOnly(graph: ClientGraph, file: string, seen: Set<string> = new Set()): boolean {
  if (!graph.isClient(file)) return false;
  if (graph.moduleFacts(file)?.directive === 'client' || PAGES_PAGE.test(file)) return true;
  if (seen.has(file)) return true;
  seen.add(file);
  const importers = graph.importers(file);
  return importers.length > 0 && importers.every((importer) => browserOnly(graph, importer, seen));
}
