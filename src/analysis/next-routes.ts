import path from 'node:path';
// package-for.ts, not packages.ts: transforms that read routes also run under plain jscodeshift, with one file and no project.
import { packageFor } from '../project/package-for.ts';
import type { PackageInfo, Project } from '../project/types.ts';

/** The extensions Next.js treats as pages and route files by default (`pageExtensions`). */
export const PAGE_EXTENSIONS = ['tsx', 'ts', 'jsx', 'js'];
const PAGE_FILE = new RegExp(`\\.(${PAGE_EXTENSIONS.join('|')})$`);

/** Files under pages/ that configure the router rather than define a route. */
export const PAGES_SHELL = ['_app', '_document'];
const SPECIAL_PAGES = new Set(['_app', '_document', '_error', '404', '500']);

export interface RouterDirs {
  /** The package folder, relative to the scanned root ('' for the root). */
  dir: string;
  /** The pages and app folders Next.js uses, relative to the scanned root; a root-level folder wins over src/. */
  pages: string | null;
  app: string | null;
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

export function routerDirs(pkg: PackageInfo): RouterDirs {
  const pick = (names: string[]) => {
    const found = names.find((name) => pkg.routers.includes(name));
    return found ? join(pkg.dir, found) : null;
  };
  return { dir: pkg.dir, pages: pick(['pages', 'src/pages']), app: pick(['app', 'src/app']) };
}

/** The Next.js apps of a project, each with its router folders. */
export function nextApps(project: Project): RouterDirs[] {
  return project.packages.filter((pkg) => pkg.next !== null).map(routerDirs);
}

export function routerDirsFor(project: Project, file: string): RouterDirs | null {
  const pkg = packageFor(project.packages, file);
  return pkg && pkg.next ? routerDirs(pkg) : null;
}

export const isUnder = (dir: string | null, file: string): dir is string => dir !== null && file.startsWith(`${dir}/`);

export interface PagesEntry {
  file: string;
  /** `/blog/[slug]`; `/api/tasks` for an API route. */
  route: string;
  kind: 'page' | 'api' | 'shell' | 'error';
  /** The file's name without extension for shell and error files: `_app`, `404`, … */
  special: string | null;
}

/** What a file under pages/ is, or null for files Next.js does not route (styles, tests next to pages). */
export function pagesEntry(pagesDir: string, file: string): PagesEntry | null {
  if (!isUnder(pagesDir, file) || !PAGE_FILE.test(file) || /\.d\.ts$/.test(file)) return null;
  const relative = file.slice(pagesDir.length + 1).replace(PAGE_FILE, '');
  if (SPECIAL_PAGES.has(relative)) {
    return { file, route: `/${relative}`, kind: PAGES_SHELL.includes(relative) ? 'shell' : 'error', special: relative };
  }
  const segments = relative.split('/');
  if (segments.at(-1) === 'index') segments.pop();
  const route = `/${segments.join('/')}`;
  return { file, route, kind: segments[0] === 'api' ? 'api' : 'page', special: null };
}

export interface AppEntry {
  file: string;
  route: string;
  kind: 'page' | 'route';
}

/** A `page` or `route` file under app/, with its URL: route groups, parallel slots and private folders are not part of it. */
export function appEntry(appDir: string, file: string): AppEntry | null {
  if (!isUnder(appDir, file)) return null;
  const match = /^(.*?)(?:^|\/)(page|route)\.(tsx|ts|jsx|js)$/.exec(file.slice(appDir.length + 1));
  if (!match) return null;
  const folders = match[1] ? match[1].split('/') : [];
  // Private folders are not routed; route groups, slots and intercepting prefixes are not part of the URL.
  if (folders.some((folder) => folder.startsWith('_'))) return null;
  const segments = folders
    .filter((folder) => !/^\(.*\)$/.test(folder) && !folder.startsWith('@') && !/^\(\.+\)/.test(folder))
    .map((folder) => folder.replace(/^%5F/i, '_'));
  return { file, route: `/${segments.join('/')}`.replace(/\/$/, '') || '/', kind: match[2] as 'page' | 'route' };
}

/** `/blog/[id]` and `/blog/[slug]` are the same route: dynamic segments compare by kind, not by name. */
export function normaliseRoute(route: string): string {
  return route
    .split('/')
    .map((segment) =>
      segment
        .replace(/^\[\[\.\.\..+\]\]$/, '[[...]]')
        .replace(/^\[\.\.\..+\]$/, '[...]')
        .replace(/^\[[^.\]][^\]]*\]$/, '[]'),
    )
    .join('/');
}

export type SegmentKind = 'static' | 'dynamic' | 'catch-all' | 'optional-catch-all';

export interface RouteParam {
  name: string;
  kind: Exclude<SegmentKind, 'static'>;
}

/** The dynamic segments of a route, in order: `/shop/[id]/[[...rest]]` → id (dynamic), rest (optional catch-all). */
export function routeParams(route: string): RouteParam[] {
  const params: RouteParam[] = [];
  for (const segment of route.split('/')) {
    let match: RegExpExecArray | null;
    if ((match = /^\[\[\.\.\.(.+)\]\]$/.exec(segment))) params.push({ name: match[1]!, kind: 'optional-catch-all' });
    else if ((match = /^\[\.\.\.(.+)\]$/.exec(segment))) params.push({ name: match[1]!, kind: 'catch-all' });
    else if ((match = /^\[(.+)\]$/.exec(segment))) params.push({ name: match[1]!, kind: 'dynamic' });
  }
  return params;
}

/** Where a pages/ file's replacement lives under app/: `pages/blog/[slug].tsx` → `app/blog/[slug]/page.tsx`. */
export function appTarget(appDir: string, entry: PagesEntry): string {
  const ext = path.posix.extname(entry.file);
  // A folder starting with `_` is private in app/: `%5F` keeps `/_sites` a URL segment.
  const route = entry.route
    .split('/')
    .map((segment) => segment.replace(/^_/, '%5F'))
    .join('/');
  const folder = route === '/' ? appDir : `${appDir}${route}`;
  return `${folder}/${entry.kind === 'api' ? 'route' : 'page'}${entry.kind === 'api' ? ext.replace('x', '') : ext}`;
}
