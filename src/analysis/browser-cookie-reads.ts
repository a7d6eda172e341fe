import path from 'node:path';
import { isSourceFile } from '../project/load-project.ts';
import { readTextFile } from '../project/files.ts';
import type { Project } from '../project/types.ts';
import { clientGraph } from './client-graph.ts';
import { isSessionName } from './cookie-names.ts';

const READS_DOCUMENT_COOKIE = /document\.cookie(?!\s*=(?!=))/;
const NAMED_READ = /\b(?:Cookies\.get|getCookie|getCookies|parseCookies)\(\s*['"`]([^'"`]+)['"`]/g;
const QUOTED_NAME = /['"`]([\w.-]+)=?['"`]/g;

/**
 * The cookie names the module's scripts read: a js-cookie or cookies-next read by name, and where
 * the module parses `document.cookie`, every session-like name it quotes (`startsWith('token=')`).
 */
export function cookieNamesReadIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(NAMED_READ)) names.add(match[1]!);
  if (READS_DOCUMENT_COOKIE.test(text) || /\bCookies\.get\(\s*\)/.test(text))
    for (const match of text.matchAll(QUOTED_NAME)) if (isSessionName(match[1]!)) names.add(match[1]!);
  return [...names].sort();
}

/** Every cookie name that code running in the browser reads: such a cookie cannot become HttpOnly without breaking that code. */
export function browserReadCookies(project: Project): string[] {
  const graph = clientGraph(project);
  const names = new Set<string>();
  for (const file of project.files) {
    if (!isSourceFile(file) || !graph.isClient(file)) continue;
    const read = readTextFile(path.join(project.root, file));
    if (!read.ok || !/cookie/i.test(read.text)) continue;
    for (const name of cookieNamesReadIn(read.text)) names.add(name);
  }
  return [...names].sort();
}
