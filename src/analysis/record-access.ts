import type { Node, Program } from '@babel/types';
import { walk } from '../engine/walk.ts';
import { boundNames, enclosingHandler, type RequestHandler } from './request-handlers.ts';
import { callerInput, type InputSource } from './request-input.ts';
import { sessionUserCalls } from './auth/session-user.ts';
import { isSignedInUserId } from './list-queries/filters.ts';
import { unwrapValue, type Comparison, type RecordQuery } from './record-queries.ts';
import type { OwnedTarget } from '../sql/record-owners.ts';

/** Where an id the caller picks comes from; headers and cookies carry sessions and tokens, not record ids. */
const ID_SOURCES = new Set<InputSource | null>(['body', 'query', 'params', 'form', 'url', 'argument']);

const COMPARISON = new Set(['===', '!==', '==', '!=']);

/** The root name of a member chain: `session.user.id` → `session`. */
function rootName(node: Node): string | null {
  let current = unwrapValue(node);
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = unwrapValue(current.object);
  return current.type === 'Identifier' ? current.name : null;
}

/** The names bound from the session's bindings, through local aliases: `const userId = user.id`, `const { id } = session.user`. */
function derivedNames(handler: Node, names: Set<string>): Set<string> {
  for (let grown = true; grown;) {
    grown = false;
    walk(
      handler,
      new Map([
        [
          'VariableDeclarator',
          [
            (node: Node) => {
              if (node.type !== 'VariableDeclarator' || !node.init) return;
              const root = rootName(node.init);
              if (root === null || !names.has(root)) return;
              for (const name of boundNames(node.id))
                if (!names.has(name)) {
                  names.add(name);
                  grown = true;
                }
            },
          ],
        ],
      ]),
    );
  }
  return names;
}

/**
 * Whether a value is the signed-in user's id: read from a binding an auth call made in the handler
 * (`sessionUserCalls`, which follows the project's own helpers), or named like one.
 */
function signedInValue(value: Node, handler: Node, sessionBindings: ReadonlySet<string>): boolean {
  const root = rootName(value);
  return (root !== null && sessionBindings.has(root)) || isSignedInUserId(unwrapValue(value), [handler]);
}

/** Whether the handler compares some value with the signed-in user's id (`if (post.userId !== session.user.id)`): an ownership check by hand. */
function comparesWithSignedInUser(handler: Node, sessionBindings: ReadonlySet<string>): boolean {
  let found = false;
  walk(
    handler,
    new Map([
      [
        'BinaryExpression',
        [
          (node: Node) => {
            if (found || node.type !== 'BinaryExpression' || !COMPARISON.has(node.operator)) return;
            found = [node.left as Node, node.right].some((side) => signedInValue(side, handler, sessionBindings));
          },
        ],
      ],
    ]),
  );
  return found;
}

/** What a record query's filter says about who may reach the record, inside one handler. */
export interface RecordAccess {
  handler: RequestHandler;
  /** Columns compared with a value the caller sends. */
  callerColumns: string[];
  /** The comparisons of those columns, for the fix to keep. */
  callerComparisons: Comparison[];
  /** The filter, or the handler around it, already compares something with the signed-in user. */
  scopedToSignedInUser: boolean;
  /** The handler asks who is signed in: it could check the owner, and a read it leaves open is not public by intent. */
  signedIn: boolean;
}

export function recordAccess(
  query: RecordQuery,
  ancestors: readonly Node[],
  handlers: readonly RequestHandler[],
  program: Program,
): RecordAccess | null {
  const handler = enclosingHandler(handlers, ancestors);
  if (!handler) return null;
  const input = callerInput(handler);
  const callerComparisons = query.comparisons.filter((c) => ID_SOURCES.has(input.sourceOf(c.value)));
  const sessionUsers = sessionUserCalls(handler.fn, program);
  const sessionBindings = derivedNames(handler.fn, new Set(sessionUsers.map((user) => user.binding)));
  const scoped =
    query.values.some((value) => signedInValue(value, handler.fn, sessionBindings)) ||
    comparesWithSignedInUser(handler.fn, sessionBindings);
  return {
    handler,
    callerColumns: callerComparisons.map((c) => c.column),
    callerComparisons,
    scopedToSignedInUser: scoped,
    signedIn: sessionUsers.length > 0,
  };
}

/** Why a record query lets one user reach another user's record, or null when something stops it. */
export type OwnershipGap = 'bypassesRls' | 'withoutOwnerPolicy';

/**
 * A record picked out by a unique key the caller sends, on a table with an owner, with no comparison
 * of anything with the signed-in user, and no RLS owner policy between the client and the row.
 */
export function ownershipGap(
  query: { shape: RecordQuery['shape']; action: RecordQuery['action']; serviceRole?: boolean; comparisons: readonly string[] },
  access: { callerColumns: readonly string[]; signedIn: boolean },
  owned: OwnedTarget | undefined,
): OwnershipGap | null {
  const { callerColumns } = access;
  if (!owned || callerColumns.length === 0) return null;
  // A read in a handler that never asks who is signed in serves public content or is route-without-auth's finding.
  if (query.action === 'read' && (owned.publicRead || !access.signedIn)) return null;
  const keys = owned.keys.length > 0 ? owned.keys : [['id']];
  const byCallerKey = keys.some((key) => key.every((c) => query.comparisons.includes(c)) && key.some((c) => callerColumns.includes(c)));
  if (!byCallerKey) return null;
  if (query.shape === 'supabase' && !query.serviceRole) return owned.rlsGuards.includes(query.action) ? null : 'withoutOwnerPolicy';
  return 'bypassesRls';
}
