import type { Node } from '@babel/types';
import { walk } from '../engine/walk.ts';
import { isSignedInUserId } from './list-queries/filters.ts';
import { unwrapValue, type Comparison, type RecordQuery } from './record-queries.ts';
import type { OwnedTarget } from '../sql/record-owners.ts';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

/** The outermost function holding a node: the handler whose parameters are the request. */
export function outermostFunction(ancestors: readonly Node[]): Node | null {
  return ancestors.find((node) => FUNCTION_TYPES.has(node.type)) ?? null;
}

/** Whether a pattern binds `name`: `id`, `{ id }`, `{ params: { id } }`, `[id]`, `id = 1`, `...rest`. */
function binds(pattern: Node, name: string): boolean {
  switch (pattern.type) {
    case 'Identifier':
      return pattern.name === name;
    case 'ObjectPattern':
      return pattern.properties.some((p) => binds(p.type === 'ObjectProperty' ? (p.value as Node) : p.argument, name));
    case 'ArrayPattern':
      return pattern.elements.some((e) => e !== null && binds(e, name));
    case 'AssignmentPattern':
      return binds(pattern.left, name);
    case 'RestElement':
      return binds(pattern.argument, name);
    case 'TSParameterProperty':
      return binds(pattern.parameter, name);
    default:
      return false;
  }
}

/** The identifiers an expression reads: `Number(params.id)` → `params`, `` `${a}-${b}` `` → `a`, `b`. */
function identifiersRead(node: Node): string[] {
  const value = unwrapValue(node);
  switch (value.type) {
    case 'Identifier':
      return [value.name];
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return identifiersRead(value.object);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return [
        ...(value.callee.type === 'MemberExpression' || value.callee.type === 'OptionalMemberExpression'
          ? identifiersRead(value.callee)
          : []),
        ...value.arguments.flatMap((a) =>
          a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder' ? [] : identifiersRead(a as Node),
        ),
      ];
    case 'NewExpression':
      return value.arguments.flatMap((a) =>
        a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder' ? [] : identifiersRead(a as Node),
      );
    case 'TemplateLiteral':
      return value.expressions.flatMap((e) => identifiersRead(e as Node));
    case 'BinaryExpression':
    case 'LogicalExpression':
      return [...identifiersRead(value.left as Node), ...identifiersRead(value.right)];
    case 'ConditionalExpression':
      return [...identifiersRead(value.consequent), ...identifiersRead(value.alternate)];
    default:
      return [];
  }
}

/**
 * Whether a value comes from the caller: it reads a parameter of the handler (the request, the
 * route's `params`, a server action's arguments), directly or through local bindings
 * (`const { id } = await req.json()`, `const id = searchParams.get('id')`).
 */
export function fromCaller(value: Node, handler: Node, depth = 0): boolean {
  if (depth > 6) return false;
  const params = (handler as { params?: Node[] }).params ?? [];
  for (const name of identifiersRead(value)) {
    if (params.some((param) => binds(param, name))) return true;
    let traced = false;
    walk(
      handler,
      new Map([
        [
          'VariableDeclarator',
          [
            (node: Node) => {
              if (!traced && node.type === 'VariableDeclarator' && node.init && binds(node.id, name))
                traced = fromCaller(node.init, handler, depth + 1);
            },
          ],
        ],
      ]),
    );
    if (traced) return true;
  }
  return false;
}

const COMPARISON = new Set(['===', '!==', '==', '!=']);

/** Whether the handler compares some value with the signed-in user's id (`if (post.userId !== session.user.id)`): an ownership check by hand. */
function comparesWithSignedInUser(handler: Node): boolean {
  let found = false;
  walk(
    handler,
    new Map([
      [
        'BinaryExpression',
        [
          (node: Node) => {
            if (found || node.type !== 'BinaryExpression' || !COMPARISON.has(node.operator)) return;
            found = [node.left as Node, node.right].some((side) => isSignedInUserId(unwrapValue(side), [handler]));
          },
        ],
      ],
    ]),
  );
  return found;
}

/** What a record query's filter says about who may reach the record, inside one handler. */
export interface RecordAccess {
  handler: Node;
  /** Columns compared with a value the caller sends. */
  callerColumns: string[];
  /** The comparisons of those columns, for the fix to keep. */
  callerComparisons: Comparison[];
  /** The filter, or the handler around it, already compares something with the signed-in user. */
  scopedToSignedInUser: boolean;
}

export function recordAccess(query: RecordQuery, ancestors: readonly Node[]): RecordAccess | null {
  const handler = outermostFunction(ancestors);
  if (!handler) return null;
  const callerComparisons = query.comparisons.filter((c) => fromCaller(c.value, handler));
  const scoped = query.values.some((value) => isSignedInUserId(unwrapValue(value), [handler])) || comparesWithSignedInUser(handler);
  return { handler, callerColumns: callerComparisons.map((c) => c.column), callerComparisons, scopedToSignedInUser: scoped };
}

/** Why a record query lets one user reach another user's record, or null when something stops it. */
export type OwnershipGap = 'bypassesRls' | 'withoutOwnerPolicy';

/**
 * A record picked out by a unique key the caller sends, on a table with an owner, with no comparison
 * of anything with the signed-in user, and no RLS owner policy between the client and the row.
 */
export function ownershipGap(
  query: { shape: RecordQuery['shape']; action: RecordQuery['action']; serviceRole?: boolean; comparisons: readonly string[] },
  callerColumns: readonly string[],
  owned: OwnedTarget | undefined,
): OwnershipGap | null {
  if (!owned || callerColumns.length === 0) return null;
  if (query.action === 'read' && owned.publicRead) return null;
  const keys = owned.keys.length > 0 ? owned.keys : [['id']];
  const byCallerKey = keys.some((key) => key.every((c) => query.comparisons.includes(c)) && key.some((c) => callerColumns.includes(c)));
  if (!byCallerKey) return null;
  if (query.shape === 'supabase' && !query.serviceRole) return owned.rlsGuards.includes(query.action) ? null : 'withoutOwnerPolicy';
  return 'bypassesRls';
}

/** Files whose exported functions answer requests: Pages API routes, route handlers, and `'use server'` modules. */
export function isRequestHandlerFile(file: string, program: Node): boolean {
  if (/(^|\/)pages\/api\//.test(file) || /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(file)) return true;
  return program.type === 'Program' && program.directives.some((d) => d.value.value === 'use server');
}
