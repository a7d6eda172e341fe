import type { Expression, Node, Program } from '@babel/types';
import { memberName } from '../engine/ast.ts';
import { type ImportedBinding, calledExport, visitNodes } from './imported-bindings.ts';
import { cookieName } from './cookie-names.ts';
import { cookieStoreNames, isCookieStore } from './session-cookies.ts';

/** A cookie's value read on the server. */
export interface CookieRead {
  name: string;
  /** The expression that holds the value: `cookies().get('admin')?.value`, `req.cookies.isAdmin`. */
  node: Node;
  ancestors: readonly Node[];
  /** The local name the value is kept in (`const role = …`), or null where it is used in place. */
  binding: string | null;
  bindingNode: Node | null;
}

const STORE_METHODS = new Set(['get', 'set', 'has', 'getAll', 'delete', 'clear', 'size', 'toString']);
const PASS_THROUGH = new Set(['TSAsExpression', 'TSNonNullExpression', 'AwaitExpression', 'ParenthesizedExpression', 'LogicalExpression']);

function read(name: string | null, node: Node, ancestors: readonly Node[]): CookieRead | null {
  if (!name) return null;
  let index = ancestors.length - 1;
  let value = node;
  // `cookies().get('role')?.value`: the value, not the cookie object.
  if (memberName(ancestors[index]!) === 'value' && (ancestors[index] as { object?: Node }).object === node) {
    value = ancestors[index]!;
    index--;
  }
  let holder = index;
  while (holder >= 0 && PASS_THROUGH.has(ancestors[holder]!.type)) holder--;
  const declarator = ancestors[holder];
  const bound = declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' ? declarator.id : null;
  return { name, node: value, ancestors: ancestors.slice(0, index + 1), binding: bound?.name ?? null, bindingNode: bound };
}

/** Every cookie value the module reads by name: from a Next.js cookie store, `req.cookies`, or cookies-next's `getCookie`. */
export function cookieReads(
  program: Program,
  bindings: ReadonlyMap<string, ImportedBinding>,
  constants: ReadonlyMap<string, Expression>,
): CookieRead[] {
  const stores = cookieStoreNames(program);
  const found: CookieRead[] = [];
  const add = (site: CookieRead | null) => site && found.push(site);
  visitNodes(program, {
    CallExpression(call, ancestors) {
      const callee = call.callee;
      const fromStore = callee.type === 'MemberExpression' && memberName(callee) === 'get' && isCookieStore(callee.object, stores);
      if (fromStore || calledExport(callee, bindings, 'cookies-next') === 'getCookie')
        add(read(cookieName(call.arguments[0], constants), call, [...ancestors]));
    },
    MemberExpression(member, ancestors) {
      if (memberName(member.object) !== 'cookies' || member.object.type !== 'MemberExpression') return;
      const name = member.computed ? cookieName(member.property, constants) : memberName(member);
      if (name && !STORE_METHODS.has(name)) add(read(name, member, [...ancestors]));
    },
    VariableDeclarator(declarator, ancestors) {
      if (declarator.id.type !== 'ObjectPattern' || !declarator.init || memberName(declarator.init) !== 'cookies') return;
      for (const property of declarator.id.properties) {
        if (
          property.type !== 'ObjectProperty' ||
          property.computed ||
          property.key.type !== 'Identifier' ||
          property.value.type !== 'Identifier'
        )
          continue;
        found.push({
          name: property.key.name,
          node: property.value,
          ancestors: [...ancestors, declarator],
          binding: property.value.name,
          bindingNode: property.value,
        });
      }
    },
  });
  return found;
}
