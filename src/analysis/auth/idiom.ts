import path from 'node:path';
import type { PackageInfo, Project } from '../../project/types.ts';
import type { HandlerKind } from '../request-handlers.ts';

/** Which session check a project writes, and from where it imports it. */
export interface AuthIdiom {
  /** `helper`: the project's own function; `authjs`: Auth.js 5's `auth()` from the project's `auth.ts`; `next-auth`: v4's `getServerSession(authOptions)`. */
  library: 'helper' | 'clerk' | 'authjs' | 'next-auth' | 'supabase';
  /** The project file the function comes from (the helper, `auth.ts`, the `authOptions` or Supabase server-client module). */
  module?: string;
  /** What that module exports: `getCurrentUser`, `auth`, `authOptions`, `createClient`. */
  name?: string;
  /** How the project's own files import that module through a path alias (`@/lib/auth`), when they do. */
  alias?: string;
}

/** Lines of a session check, with the imports they need and the name that holds the user. */
export interface SessionCheck {
  imports: string[];
  lines: string[];
  binding: string;
}

/** The names the handler's own parameters give the request and the response. */
export interface HandlerNames {
  request?: string | null;
  response?: string | null;
  /** A Supabase client the handler already built, to ask rather than build another. */
  supabase?: string | null;
  /** The file already imports `NextResponse`. */
  nextResponse?: boolean;
  /** A server action that answers its failures as `return { error }` rather than by throwing. */
  returnsErrors?: boolean;
  /**
   * Every name the handler's code holds (its parameters, its bindings, the outer names it reads): the
   * check's own bindings take another name than these, so nothing is declared twice or shadowed.
   */
  taken?: ReadonlySet<string>;
  /** The file's imports by local name, so a check reuses one it has and never takes a name the file binds otherwise. */
  imports?: ReadonlyMap<string, { source: string; imported: string }>;
  /** The names the module binds at its top level, imports included. */
  moduleNames?: ReadonlySet<string>;
}

/**
 * The name the check binds or imports under: the usual one, or where that is taken, `auth…`
 * (`authCheck` for `auth`), numbered if need be.
 */
function freeName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  const base = wanted === 'auth' ? 'authCheck' : `auth${wanted[0]!.toUpperCase()}${wanted.slice(1)}`;
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * How the check calls `exported` of `source`: through the file's own import of it, or a new import,
 * under another name where the file or the handler binds that one already (`createClient` from
 * supabase-js, say, when the check wants the project's server client).
 */
function importedName(
  exported: string,
  source: string,
  names: HandlerNames,
  sameSource: (existing: string) => boolean = (existing) => existing === source,
): { local: string; line: string | null } {
  for (const [local, found] of names.imports ?? [])
    if (found.imported === exported && sameSource(found.source)) return { local, line: null };
  const local = freeName(exported, (name) => Boolean(names.moduleNames?.has(name) || names.taken?.has(name)));
  return { local, line: `import { ${local === exported ? exported : `${exported} as ${local}`} } from '${source}';` };
}

/**
 * Whether an import specifier in `file` names the project module `module`: a relative one by where it
 * leads; an alias (`@/lib/auth`, `~/auth`) by the path after the alias, which `module` ends with.
 */
function namesModule(specifier: string, file: string, module: string): boolean {
  const target = module.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
  if (specifier.startsWith('.')) {
    return path.posix.join(path.posix.dirname(file), specifier).replace(/\/index$/, '') === target;
  }
  const aliased = /^(?:@|~|#)\/(.+)$/.exec(specifier)?.[1];
  return aliased !== undefined && (target === aliased || target.endsWith(`/${aliased}`));
}

/** `{ key }`, or `{ key: local }` where the binding takes another name. */
function pattern(key: string, local: string): string {
  return key === local ? key : `${key}: ${local}`;
}

/** The auth library a package depends on, when the session check it needs is known without reading code: Clerk, or Auth.js 5 with its root `auth.ts`. */
export function libraryIdiom(project: Project, pkg: PackageInfo): AuthIdiom | null {
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  if ('@clerk/nextjs' in all) return { library: 'clerk' };
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const authFile = ['auth.ts', 'src/auth.ts', 'auth.js', 'src/auth.js']
    .map((file) => `${prefix}${file}`)
    .find((file) => project.files.includes(file));
  if ('next-auth' in all && authFile) return { library: 'authjs', module: authFile, name: 'auth' };
  return null;
}

export function importPath(from: string, to: string): string {
  const relative = path.posix
    .relative(path.posix.dirname(from), to)
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/\/index$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** The module's alias where the file imports other modules through the same alias root (`@/`), else its relative path. */
function projectSpecifier(idiom: AuthIdiom, file: string, module: string, names: HandlerNames): string {
  const root = idiom.alias && module === idiom.module ? idiom.alias.slice(0, idiom.alias.indexOf('/') + 1) : '';
  const usesRoot = root !== '' && [...(names.imports?.values() ?? [])].some((imported) => imported.source.startsWith(root));
  return usesRoot ? idiom.alias! : importPath(file, module);
}

const NOT_SIGNED_IN = 'Not signed in';

/** What the handler does when no one is signed in: 401 from a route, `throw` from a server action. */
export function denyLines(kind: HandlerKind, condition: string, names: HandlerNames): string[] {
  return rejectLines(kind, condition, names, 401, NOT_SIGNED_IN);
}

/**
 * A refusal in the handler's own idiom: `res.status(n).json(…)` from an API route, a `NextResponse.json` or a
 * `Response` from a route handler, `throw new Error(…)` from a server action, or `return { error }` from an
 * action that already answers its errors that way.
 */
export function rejectLines(kind: HandlerKind, condition: string, names: HandlerNames, status: number, message: string): string[] {
  const text = `'${message.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (kind === 'server-action')
    return [names.returnsErrors ? `if (${condition}) return { error: ${text} };` : `if (${condition}) throw new Error(${text});`];
  if (kind === 'pages-api') {
    return [`if (${condition}) {`, `  ${names.response ?? 'res'}.status(${status}).json({ error: ${text} });`, '  return;', '}'];
  }
  return names.nextResponse
    ? [`if (${condition}) return NextResponse.json({ error: ${text} }, { status: ${status} });`]
    : [`if (${condition}) return new Response(${text}, { status: ${status} });`];
}

/**
 * The session check a handler starts with, in the project's idiom: its own helper when it has one,
 * else its library's. Null where the idiom cannot be written here (Auth.js 5 in the Pages Router,
 * Supabase without a server-client module or a client in the handler).
 */
export function sessionCheck(idiom: AuthIdiom, kind: HandlerKind, file: string, names: HandlerNames = {}): SessionCheck | null {
  const imports: string[] = [];
  const importing = ({ local, line }: { local: string; line: string | null }) => {
    if (line) imports.push(line);
    return local;
  };
  const use = (exported: string, source: string) => importing(importedName(exported, source, names));
  const fromProject = (exported: string, module: string) =>
    importing(
      importedName(exported, projectSpecifier(idiom, file, module, names), names, (existing) => namesModule(existing, file, module)),
    );
  const request = names.request ?? 'req';
  const name = (wanted: string) => freeName(wanted, (taken) => Boolean(names.taken?.has(taken)));
  switch (idiom.library) {
    case 'helper': {
      const holdsSession = /session/i.test(idiom.name!);
      const binding = name(holdsSession ? 'session' : 'user');
      const helper = fromProject(idiom.name!, idiom.module!);
      return {
        imports,
        lines: [`const ${binding} = await ${helper}();`, ...denyLines(kind, holdsSession ? `!${binding}?.user` : `!${binding}`, names)],
        binding,
      };
    }
    case 'clerk': {
      const binding = name('userId');
      const call =
        kind === 'pages-api' ? `${use('getAuth', '@clerk/nextjs/server')}(${request})` : `await ${use('auth', '@clerk/nextjs/server')}()`;
      return { imports, lines: [`const { ${pattern('userId', binding)} } = ${call};`, ...denyLines(kind, `!${binding}`, names)], binding };
    }
    case 'authjs': {
      if (kind === 'pages-api') return null;
      const binding = name('session');
      const auth = fromProject('auth', idiom.module!);
      return { imports, lines: [`const ${binding} = await ${auth}();`, ...denyLines(kind, `!${binding}?.user`, names)], binding };
    }
    case 'next-auth': {
      const getServerSession = use('getServerSession', 'next-auth');
      const options = fromProject(idiom.name!, idiom.module!);
      const args = kind === 'pages-api' ? `${request}, ${names.response ?? 'res'}, ${options}` : options;
      const binding = name('session');
      return {
        imports,
        lines: [`const ${binding} = await ${getServerSession}(${args});`, ...denyLines(kind, `!${binding}?.user`, names)],
        binding,
      };
    }
    case 'supabase': {
      if (!names.supabase && (kind === 'pages-api' || !idiom.module)) return null;
      const client = names.supabase ?? name('supabase');
      const binding = name('user');
      return {
        imports,
        lines: [
          ...(names.supabase ? [] : [`const ${client} = await ${fromProject(idiom.name!, idiom.module!)}();`]),
          'const {',
          `  data: { ${pattern('user', binding)} },`,
          `} = await ${client}.auth.getUser();`,
          ...denyLines(kind, `!${binding}`, names),
        ],
        binding,
      };
    }
  }
}
