import { libraryIdiom, sessionCheck } from '../../src/analysis/auth/idiom.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';
import type { SecretClient } from './clients.ts';
import { kebab } from './names.ts';

export type Router = 'app' | 'pages';

export interface ServerFunction {
  name: string;
  router: Router;
  pkg: PackageInfo;
  slug: string;
  client: SecretClient | null;
  params: Array<{ name: string; type: string }>;
  /** Statements of the function body, without indentation; the last one returns the result, if any. */
  body: string[];
  returnsValue: boolean;
  imports: string[];
  typescript: boolean;
}

export function serverFile(router: Router, pkg: PackageInfo, slug: string, name: string): string {
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const src = pkg.routers.some((r) => r.startsWith('src/')) ? 'src/' : '';
  if (router === 'app') return `${prefix}${src}app/actions/${slug}.ts`;
  return `${prefix}${src}pages/api/${slug}/${kebab(name)}.ts`;
}

export function typescriptTarget(file: string, typescript: boolean): string {
  return typescript ? file : file.replace(/\.ts$/, '.js');
}

/**
 * The session check a new server function starts with, from the auth library the app uses (Clerk, or
 * Auth.js 5 with its root `auth.ts`), in the same idiom `add-auth-guard` writes. Null where none can be inferred.
 */
function authCheck(project: Project, pkg: PackageInfo, router: Router, serverFile: string): { imports: string[]; lines: string[] } | null {
  const idiom = libraryIdiom(project, pkg);
  return idiom && sessionCheck(idiom, router === 'app' ? 'server-action' : 'pages-api', serverFile);
}

/** The text of a new server module holding the functions: a server action file, or one API route. */
export function renderServerModule(
  project: Project,
  file: string,
  fns: ServerFunction[],
): { target: string; content: string; guarded: boolean } {
  const clients = [...new Map(fns.flatMap((fn) => (fn.client ? [[fn.client.name, fn.client] as const] : []))).values()];
  const auth = authCheck(project, fns[0]!.pkg, fns[0]!.router, file);
  const imports = [...new Set([...clients.flatMap((c) => c.imports), ...fns.flatMap((fn) => fn.imports), ...(auth?.imports ?? [])])];
  const indent = (lines: string[]) =>
    lines
      .flatMap((line) => line.split('\n'))
      .map((line) => (line ? `  ${line}` : line))
      .join('\n');
  const typescript = fns[0]!.typescript;
  const target = typescriptTarget(file, typescript);
  let content: string;
  if (fns[0]!.router === 'app') {
    content = renderTemplate('code/server-action.ts', {
      imports,
      clients: clients.map((c) => ({ name: c.name, constructor: c.constructorText })),
      functions: fns.map((fn) => ({
        name: fn.name,
        params: fn.params.map((p) => (p.type ? `${p.name}: ${p.type}` : p.name)).join(', '),
        body: indent(fn.body),
        authCheck: auth ? indent(auth.lines) : null,
      })),
    });
  } else {
    const fn = fns[0]!;
    const last = fn.body.at(-1)!;
    const body = fn.returnsValue
      ? [...fn.body.slice(0, -1), `res.status(200).json(${last.replace(/^return /, '').replace(/;$/, '')} ?? null);`]
      : [...fn.body, 'res.status(204).end();'];
    content = renderTemplate('code/api-route.ts', {
      typescript,
      imports,
      clients: clients.map((c) => ({ name: c.name, constructor: c.constructorText })),
      params: fn.params.length > 0,
      paramNames: fn.params.map((p) => p.name).join(', '),
      paramTypes: fn.params.map((p) => `${p.name}: ${p.type || 'unknown'}`).join('; '),
      body: indent(body),
      authCheck: auth ? indent(auth.lines) : null,
    });
  }
  return { target, content, guarded: auth !== null };
}
