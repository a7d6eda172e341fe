import type { API, FileInfo, Program } from 'jscodeshift';
import type { Program as BabelProgram } from '@babel/types';
import { TextEdits, sourceTree } from '../src/engine/codemod.ts';
import { type CookieAttribute, type SessionCookie, sessionCookies } from '../src/analysis/session-cookies.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import { meta } from './meta/harden-session-cookie.ts';
export { meta };

export const parser = 'tsx';

const OPTION_TEXT: Record<CookieAttribute, string> = {
  HttpOnly: 'httpOnly: true',
  Secure: "secure: process.env.NODE_ENV === 'production'",
  SameSite: "sameSite: 'lax'",
};
const HEADER_TEXT: Record<CookieAttribute, string> = { HttpOnly: 'HttpOnly', Secure: 'Secure', SameSite: 'SameSite=Lax' };
const TODO = 'browser scripts can read this token: have the server set it as an HttpOnly cookie instead';

function browserReadCookies(options: Answers): Set<string> {
  try {
    return new Set(JSON.parse(String(options.browserReadCookies ?? '[]')) as string[]);
  } catch {
    return new Set();
  }
}

/** The attributes to add: those not written at all (one set to `false` was chosen and stays), and no HttpOnly on a cookie scripts read. */
function toAdd(cookie: Exclude<SessionCookie, { kind: 'script' }>, source: string, readByScripts: ReadonlySet<string>): CookieAttribute[] {
  return cookie.missing.filter((attribute) => {
    if (attribute === 'HttpOnly' && readByScripts.has(cookie.name)) return false;
    if (cookie.kind !== 'options' || !cookie.options) return true;
    const key = attribute === 'HttpOnly' ? 'httpOnly' : attribute === 'Secure' ? 'secure' : 'sameSite';
    return !new RegExp(`\\b${key}\\b`).test(source.slice(cookie.options.start!, cookie.options.end!));
  });
}

export default function hardenSessionCookie(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const program = root.find(j.Program).get().node as Program as unknown as BabelProgram;
  const edits = new TextEdits(file.source, file.path);
  const readByScripts = browserReadCookies(options);

  for (const cookie of sessionCookies(program)) {
    if (cookie.kind === 'script') {
      edits.todoAbove(cookie.node.start!, TODO);
      continue;
    }
    const attributes = toAdd(cookie, file.source, readByScripts);
    if (cookie.kind === 'header') {
      const texts = [...attributes.map((attribute) => HEADER_TEXT[attribute]), ...(cookie.hasPath ? [] : ['Path=/'])];
      if (attributes.length === 0) continue;
      const end = cookie.node.end! - 1;
      const tail = /;\s*$/.exec(file.source.slice(cookie.node.start! + 1, end));
      edits.insert(end, tail ? `${/\s$/.test(tail[0]) ? '' : ' '}${texts.join('; ')};` : `; ${texts.join('; ')}`);
      continue;
    }
    const properties = [...attributes.map((attribute) => OPTION_TEXT[attribute]), ...(cookie.hasPath ? [] : ["path: '/'"])];
    if (attributes.length === 0) continue;
    if (!cookie.options) edits.insert(cookie.value.end!, `, { ${properties.join(', ')} }`);
    else for (const property of properties) edits.appendProperty(cookie.options as never, property);
  }
  return edits.changed ? edits.apply() : undefined;
}
