import type { Expression, Identifier, MemberExpression, Node, Program } from '@babel/types';
import { enclosingFunction } from '../engine/ast.ts';
import { PUBLIC_ENV_PREFIX, envRead } from './env-reads.ts';
import { walk } from '../engine/walk.ts';

/** What a URL built from an environment variable starts with: the variable's name behind this mark. */
const ENV_MARK = '\0env:';

/**
 * `const NAME = …` anywhere in the module, with the static start of its value: the base URLs and
 * request URLs a module builds (`const url = \`https://api.x.com/v1/${id}\``, `const BASE = process.env.X_API_URL`).
 * A name declared twice with different starts is left out.
 */
export function moduleStringConstants(program: Program): Map<string, string> {
  const constants = new Map<string, string>();
  const ambiguous = new Set<string>();
  const visit = (node: Node) => {
    if (node.type !== 'VariableDeclaration' || node.kind !== 'const') return;
    for (const declarator of node.declarations) {
      if (declarator.id.type !== 'Identifier' || !declarator.init || ambiguous.has(declarator.id.name)) continue;
      const prefix = staticPrefix(declarator.init, constants);
      if (prefix === null) continue;
      const name = declarator.id.name;
      if (constants.has(name) && constants.get(name) !== prefix) {
        constants.delete(name);
        ambiguous.add(name);
      } else constants.set(name, prefix);
    }
  };
  walk(program, new Map([['VariableDeclaration', [visit]]]));
  return constants;
}

/** The static start of a URL expression, as far as it can be known without running the code. */
function staticPrefix(expression: Expression | Node | undefined, constants: ReadonlyMap<string, string>): string | null {
  if (!expression) return null;
  switch (expression.type) {
    case 'StringLiteral':
      return expression.value;
    case 'Identifier':
      return constants.get(expression.name) ?? null;
    case 'TemplateLiteral': {
      const head = expression.quasis[0]!.value.cooked ?? '';
      if (head !== '' || expression.expressions.length === 0) return head;
      const first = staticPrefix(expression.expressions[0], constants);
      return first === null ? null : first + (expression.quasis[1]?.value.cooked ?? '');
    }
    case 'BinaryExpression':
      return expression.operator === '+' && expression.left.type !== 'PrivateName' ? staticPrefix(expression.left, constants) : null;
    case 'LogicalExpression':
      // `process.env.X_API_URL ?? 'https://api.x.com'`: either side is where the request goes.
      return staticPrefix(expression.right, constants) ?? staticPrefix(expression.left, constants);
    case 'TSNonNullExpression':
    case 'TSAsExpression':
      return staticPrefix(expression.expression, constants);
    case 'MemberExpression': {
      const variable = envRead(expression);
      return variable ? `${ENV_MARK}${variable}` : null;
    }
    case 'NewExpression': {
      const callee = expression.callee;
      if (callee.type !== 'Identifier' || callee.name !== 'URL') return null;
      const [path, base] = expression.arguments as Expression[];
      return staticPrefix(base, constants) ?? staticPrefix(path, constants);
    }
    default:
      return null;
  }
}

/**
 * Variables named for another service's API (`OPENAI_BASE_URL`, `NEXT_PUBLIC_WEATHER_API_URL`).
 * A bare `API_URL`, `BASE_URL` or one named for the app itself (`SITE_URL`, `APP_BASE_URL`) is
 * most often this app's own server, and stays out.
 */
const EXTERNAL_API_VARIABLE =
  /^(?!(?:APP|SITE|PUBLIC|HOST|SELF|VERCEL|NEXTAUTH|AUTH|FRONTEND|WEB|CLIENT|SERVER|LOCAL)_)[A-Z0-9]+(?:_[A-Z0-9]+)*?_(?:API_URL|API_BASE_URL|BASE_URL|API_ENDPOINT)$/;

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?$/i;

/** The host of an absolute http(s) URL to another machine, with as much of the URL as is static; null for anything else. */
export function absoluteUrlOf(
  expression: Expression | undefined,
  constants: ReadonlyMap<string, string>,
): { host: string; staticPart: string } | null {
  const prefix = staticPrefix(expression, constants);
  if (prefix?.startsWith(ENV_MARK)) {
    const variable = /^[\w]+/.exec(prefix.slice(ENV_MARK.length))![0];
    return EXTERNAL_API_VARIABLE.test(variable.replace(PUBLIC_ENV_PREFIX, '')) ? { host: variable, staticPart: '' } : null;
  }
  const match = prefix ? /^https?:\/\/([^/?#\s]+)/i.exec(prefix) : null;
  if (!match || LOCAL_HOSTS.test(match[1]!)) return null;
  return { host: match[1]!, staticPart: prefix! };
}

function hasDirective(program: Program, value: string): boolean {
  return program.directives.some((directive) => directive.value.value === value);
}

/** Code that runs in the browser: a `'use client'` module, or a Pages Router page (but not an API route). */
export function runsInBrowser(file: string, program: Program): boolean {
  if (hasDirective(program, 'use client')) return true;
  return /(^|\/)(src\/)?pages\//.test(file) && !/(^|\/)(src\/)?pages\/api\//.test(file);
}

/** `const res = await fetch(…)` (or `res = await fetch(…)`): the response's name and the code that can use it. */
export function fetchResponseBinding(ancestors: readonly Node[]): { name: string; scope: Node } | null {
  if (ancestors.at(-1)?.type !== 'AwaitExpression') return null;
  const holder = ancestors.at(-2);
  let name: string | null = null;
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') name = holder.id.name;
  if (holder?.type === 'AssignmentExpression' && holder.left.type === 'Identifier') name = holder.left.name;
  if (!name) return null;
  const scope = enclosingFunction(ancestors) ?? ancestors[0]!;
  return { name, scope };
}

/** Whether the response's `ok` or `status` is read (`res.ok`, `res?.ok`) anywhere it is in scope. */
export function isOkChecked(name: string, scope: Node): boolean {
  let checked = false;
  const visit = (node: Node) => {
    const member = node as MemberExpression;
    if (
      member.object.type === 'Identifier' &&
      (member.object as Identifier).name === name &&
      member.property.type === 'Identifier' &&
      ['ok', 'status'].includes(member.property.name)
    ) {
      checked = true;
    }
  };
  walk(
    scope,
    new Map([
      ['MemberExpression', [visit]],
      ['OptionalMemberExpression', [visit]],
    ]),
  );
  return checked;
}

const SERVER_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps']);

/** The Pages Router functions that run on the server even in a page module. */
export function isServerDataFunction(node: Node): boolean {
  if (node.type === 'FunctionDeclaration') return SERVER_DATA_FUNCTIONS.has(node.id?.name ?? '');
  if (node.type === 'VariableDeclarator') return node.id.type === 'Identifier' && SERVER_DATA_FUNCTIONS.has(node.id.name);
  return false;
}

/**
 * Whether a fetch's init can carry a signal: an object literal with `signal` (or a spread, which may
 * hold one), or any other expression, which the code builds and shipshape cannot see into.
 */
export function hasTimeoutSignal(init: Expression | undefined): boolean {
  if (!init) return false;
  if (init.type !== 'ObjectExpression') return true;
  return init.properties.some(
    (property) =>
      property.type === 'SpreadElement' ||
      (property.type === 'ObjectProperty' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'signal'),
  );
}
