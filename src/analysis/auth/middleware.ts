import type { Node, Program } from '@babel/types';
import { propertyName } from '../../engine/ast.ts';
import { chainText, importsOf, visitInside } from './syntax.ts';
import { screened } from '../../engine/needles.ts';

/** What a `middleware.ts` (or Next 16 `proxy.ts`) says about the routes it guards. */
export interface MiddlewareFact {
  file: string;
  /** The package folder it serves ('' at the root). */
  dir: string;
  /** `config.matcher`; null when it runs on every route. */
  matchers: string[] | null;
  /** Its body (or a helper it imports) redirects, rewrites to a login page or answers 401/403. */
  rejects: boolean;
  /** Helpers it imports, whose modules may hold the rejection (Supabase's `updateSession`). */
  imports: string[];
  /** Path prefixes its conditions name: the routes it guards, or (with `inverted`) the ones it lets through. */
  prefixes: string[];
  inverted: boolean;
}

export const MIDDLEWARE_FILE = /^(?:(.*)\/)?(?:src\/)?(?:middleware|proxy)\.[cm]?[jt]s$/;

/** Text that rejects a request in middleware: a redirect, a 401/403, Clerk's `protect()`, next-auth's middleware. */
export const REJECTS = screened(
  /NextResponse\.redirect|Response\.redirect|status:\s*40[13]|\.protect\(|redirectToSignIn|NextResponse\.rewrite\([^)]*(?:login|sign-?in|auth)|next-auth\/middleware|authMiddleware\(|withAuth\(/,
);

function stringsOf(node: Node | null | undefined): string[] {
  if (!node) return [];
  if (node.type === 'StringLiteral') return [node.value];
  if (node.type === 'ArrayExpression') return node.elements.flatMap((e) => stringsOf(e as Node));
  if (node.type === 'ObjectExpression') {
    const source = node.properties.find((p) => propertyName(p as Node) === 'source');
    return source?.type === 'ObjectProperty' ? stringsOf(source.value as Node) : [];
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') return stringsOf(node.expression);
  return [];
}

function configMatchers(program: Program): string[] | null {
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of statement.declaration.declarations) {
      if (d.id.type !== 'Identifier' || d.id.name !== 'config' || d.init?.type !== 'ObjectExpression') continue;
      const matcher = d.init.properties.find((p) => propertyName(p as Node) === 'matcher');
      if (matcher?.type === 'ObjectProperty') return stringsOf(matcher.value as Node);
    }
  }
  return null;
}

const LOGIN_PATH = /^\/(?:api\/auth|auth|login|log-in|signin|sign-in|signup|sign-up|register|callback)\b/;

export function middlewareFact(file: string, text: string, program: Program): MiddlewareFact {
  const match = MIDDLEWARE_FILE.exec(file);
  const matchers = configMatchers(program);
  const prefixes = new Set<string>();
  visitInside(
    program,
    (node, ancestors) => {
      if (node.type !== 'StringLiteral' || !node.value.startsWith('/') || node.value === '/') return;
      // The matcher itself is not a condition of the body.
      if (ancestors.some((a) => a.type === 'ObjectProperty' && propertyName(a) === 'matcher')) return;
      if (ancestors.some((a) => a.type === 'ImportDeclaration' || a.type === 'ExportNamedDeclaration')) {
        if (!ancestors.some((a) => a.type === 'VariableDeclarator')) return;
      }
      const parent = ancestors.at(-1);
      const calleeName = parent?.type === 'CallExpression' ? chainText(parent.callee) : null;
      // A redirect target is where rejected requests go, not a route the body guards.
      if (calleeName && /redirect|rewrite|URL$/.test(calleeName)) return;
      if (parent?.type === 'NewExpression') return;
      const prefix = node.value.replace(/[(:[*].*$/, '').replace(/\/$/, '');
      if (prefix) prefixes.add(prefix);
    },
    true,
  );
  const inverted = /isPublic|publicRoutes|PUBLIC_|publicPaths|ignoredRoutes|unprotected/i.test(text);
  return {
    file,
    dir: match?.[1] ?? '',
    matchers,
    rejects: REJECTS.test(text),
    imports: [...importsOf(program).values()].map((i) => i.source).filter((s) => /^[.@~]/.test(s)),
    prefixes: [...prefixes].filter((prefix) => inverted || !LOGIN_PATH.test(prefix)),
    inverted,
  };
}

/** A Next.js matcher as a regular expression: `/api/:path*`, `/((?!_next|favicon.ico).*)`. */
function matcherRegExp(matcher: string): RegExp | null {
  const pattern = matcher
    .replace(/\/:[\w]+\*/g, '(?:/.*)?')
    .replace(/\/:[\w]+\+/g, '/.+')
    .replace(/\/:[\w]+\?/g, '(?:/[^/]+)?')
    .replace(/:[\w]+/g, '[^/]+');
  try {
    return new RegExp(`^${pattern}$`);
  } catch {
    return null;
  }
}

/** Whether this middleware runs on `route` and rejects requests without a session there. */
export function middlewareGuards(fact: MiddlewareFact, route: string, rejectsThroughImports: boolean): boolean {
  if (!fact.rejects && !rejectsThroughImports) return false;
  const concrete = route.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, 'x/y').replace(/\[[^\]]+\]/g, 'x');
  if (fact.matchers) {
    const covered = fact.matchers.some((matcher) => {
      const regexp = matcherRegExp(matcher);
      return regexp === null || regexp.test(concrete);
    });
    if (!covered) return false;
  }
  if (fact.prefixes.length === 0) return true;
  const named = fact.prefixes.some((prefix) => concrete === prefix || concrete.startsWith(`${prefix}/`));
  return fact.inverted ? !named : named;
}
