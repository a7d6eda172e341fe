import type { Node } from '@babel/types';
import { chainText, unwrap, visitInside } from './syntax.ts';

const EXIT_CALLS =
  /^(?:redirect|permanentRedirect|notFound|unauthorized|forbidden|NextResponse\.redirect|Response\.redirect|res\.redirect|signIn|redirectToSignIn|auth\.redirectToSignIn)$/;

/** Whether a statement leaves the handler: return, throw, a redirect or 401 helper, or a block that ends in one. */
export function exits(statement: Node | null | undefined): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return statement.body.some(exits);
    case 'IfStatement':
      return exits(statement.consequent) && exits(statement.alternate);
    case 'ExpressionStatement': {
      const call = unwrap(statement.expression);
      if (call?.type !== 'CallExpression') return false;
      const callee = chainText(call.callee);
      return (
        callee !== null &&
        (EXIT_CALLS.test(callee) || /\.status\(\)$|^res\.status$/.test(callee) || /\.(?:redirect|json|send|end)$/.test(callee))
      );
    }
    default:
      return false;
  }
}

/** The root name of an expression that reads a binding: `session` in `!session?.user?.id`. */
function namesIn(node: Node): Set<string> {
  const names = new Set<string>();
  visitInside(node, (inner) => {
    if (inner.type === 'Identifier') names.add(inner.name);
  });
  return names;
}

/** The names that carry the user further: `const userId = session?.user?.id` makes `userId` one. */
function derivedNames(fn: Node, binding: string): Set<string> {
  const names = new Set([binding]);
  visitInside(fn, (node) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const reads = namesIn(node.init);
    if (![...names].some((name) => reads.has(name))) return;
    if (node.id.type === 'Identifier') names.add(node.id.name);
    else visitInside(node.id, (inner) => void (inner.type === 'Identifier' && names.add(inner.name)));
  });
  return names;
}

/** A member read that throws when the binding is null: `session.user.id`, not `session?.user?.id`. */
function readsWithoutOptional(fn: Node, binding: string, after: number): boolean {
  let found = false;
  visitInside(fn, (node) => {
    if (found || node.type !== 'MemberExpression' || (node.start ?? 0) < after) return;
    if (node.object.type === 'Identifier' && node.object.name === binding) found = true;
  });
  return found;
}

/**
 * Whether the result bound to `binding` gates what follows its declaration: a condition on it
 * (`if (!user) return 401`, `if (session) { … }`, `user ? … : …`, `if (!user) throw` / `redirect()`),
 * or a member read that throws without it (`session.user.id`). A result nothing reads gates nothing.
 */
export function isEnforced(fn: Node, binding: string, declaration: Node): boolean {
  const names = derivedNames(fn, binding);
  const after = declaration.end ?? 0;
  let gated = false;
  visitInside(fn, (node) => {
    if (gated || (node.start ?? 0) < after) return;
    if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
      const reads = namesIn(node.test);
      if ([...names].some((name) => reads.has(name))) gated = true;
    } else if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) {
      const right = unwrap(node.right);
      const reads = namesIn(node.left);
      if ([...names].some((name) => reads.has(name)) && right?.type === 'CallExpression' && EXIT_CALLS.test(chainText(right.callee) ?? ''))
        gated = true;
    }
  });
  return gated || readsWithoutOptional(fn, binding, after);
}

/** Whether a call sits in an `if` test whose branch leaves the handler, or whose consequent holds the rest. */
export function isConditionOf(call: Node, ancestors: readonly Node[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i]!;
    const child = ancestors[i + 1] ?? call;
    if ((ancestor.type === 'IfStatement' || ancestor.type === 'ConditionalExpression') && ancestor.test === child) return true;
    if (ancestor.type.endsWith('Statement') || ancestor.type === 'VariableDeclaration') return false;
  }
  return false;
}
