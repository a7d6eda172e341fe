import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSource } from '../../engine/parse.ts';
import type { Project } from '../../project/types.ts';
import type { Answers } from '../../engine/transform-types.ts';
import { HelperIndex, moduleHelpers, type ModuleHelpers } from './helpers.ts';
import { libraryIdiom, type AuthIdiom } from './idiom.ts';
import { aliasImportOf } from '../module-specifier.ts';

/** Files where projects keep their session helpers and their Supabase server client. */
const CANDIDATE =
  /(?:^|\/)(?:(?:src\/)?(?:lib|utils|server|app\/lib|actions)\/(?:.*\/)?[^/]*(?:auth|session|user|supabase|server)[^/]*|(?:src\/)?auth)\.[cm]?[jt]sx?$/i;
/** Helper names that read as "who is calling", best first. */
const PREFERRED = [
  'getCurrentUser',
  'getUser',
  'getSessionUser',
  'getAuthUser',
  'currentUser',
  'requireUser',
  'getServerAuthSession',
  'getSession',
  'auth',
];

function read(project: Project, file: string): string | null {
  try {
    return readFileSync(path.join(project.root, file), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The session check the project's handlers should start with: a helper of its own that asks an auth
 * library (followed through imports), else Clerk, Auth.js 5 (`auth.ts`), next-auth 4 (`authOptions`),
 * or Supabase (its server-client module). Null when the project has no auth library.
 */
export function projectAuthIdiom(project: Project): AuthIdiom | null {
  const candidates = project.files.filter((file) => CANDIDATE.test(file) && !/\.d\.ts$|\.test\.|\.spec\./.test(file));
  const helpers = new Map<string, ModuleHelpers>();
  const texts = new Map<string, string>();
  for (const file of candidates) {
    const text = read(project, file);
    if (text === null) continue;
    texts.set(file, text);
    try {
      const found = moduleHelpers(parseSource(file, text).program);
      if (Object.keys(found).length > 0) helpers.set(file, found);
    } catch {
      continue;
    }
  }
  const index = new HelperIndex(project, helpers);
  const trusted: Array<{ file: string; name: string }> = [];
  for (const [file, exported] of helpers) {
    for (const name of Object.keys(exported)) {
      const fact = exported[name]!;
      const ok = fact.direct === 'trusted' || fact.calls.some((call) => index.judge(file, call) === 'trusted');
      if (ok && PREFERRED.includes(name)) trusted.push({ file, name });
    }
  }
  trusted.sort((a, b) => PREFERRED.indexOf(a.name) - PREFERRED.indexOf(b.name) || a.file.localeCompare(b.file));
  const best = trusted[0];
  const pkg = project.packages.find((p) => p.next !== null) ?? project.packages[0];
  if (best && !(best.name === 'auth' && pkg && '@clerk/nextjs' in { ...pkg.dependencies })) {
    return best.name === 'auth'
      ? { library: 'authjs', module: best.file, name: 'auth' }
      : { library: 'helper', module: best.file, name: best.name };
  }
  if (!pkg) return null;
  const library = libraryIdiom(project, pkg);
  if (library) return library;
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  if ('next-auth' in all) {
    const options = [...project.files]
      .filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !f.includes('node_modules'))
      .find((file) => {
        const text = texts.get(file) ?? (/auth|api/.test(file) ? read(project, file) : null);
        return text !== null && /export\s+(?:const|let|var)\s+authOptions\b/.test(text);
      });
    if (options) return { library: 'next-auth', module: options, name: 'authOptions' };
  }
  if ('@supabase/ssr' in all || '@supabase/auth-helpers-nextjs' in all) {
    for (const [file, text] of texts) {
      if (!/supabase/i.test(file) || !/server/i.test(file)) continue;
      const match =
        /export\s+(?:async\s+)?(?:function|const)\s+(createClient|createServerClient|createSupabaseServerClient|createServerSupabaseClient)\b/.exec(
          text,
        );
      if (match) return { library: 'supabase', module: file, name: match[1]! };
    }
    return { library: 'supabase' };
  }
  return null;
}

/** The idiom as the answers a file transform receives. */
export function authAnswers(project: Project): Answers {
  const idiom = projectAuthIdiom(project);
  const alias = idiom?.module ? aliasImportOf(project, { read: (file) => read(project, file) }, idiom.module) : null;
  return { authLibrary: idiom?.library ?? '', authModule: idiom?.module ?? '', authName: idiom?.name ?? '', authModuleAlias: alias ?? '' };
}
