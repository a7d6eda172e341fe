import type { Node } from '@babel/types';
import { walk } from '../../src/engine/walk.ts';
import { SIGNED_IN_CALL, calleeName, unwrap } from '../../src/analysis/list-queries/filters.ts';

/** The handler's binding of the signed-in user, and the text of that user's id. */
export interface SessionUser {
  binding: string;
  idExpression: string;
  call: string;
  line: number;
}

/** `session` → `session.user.id`, `user` → `user.id`, `{ userId }` → `userId`, `{ data: { user } }` → `user.id`. */
function idOf(pattern: Node): { binding: string; idExpression: string } | null {
  if (pattern.type === 'Identifier')
    return { binding: pattern.name, idExpression: /session/i.test(pattern.name) ? `${pattern.name}.user.id` : `${pattern.name}.id` };
  if (pattern.type !== 'ObjectPattern') return null;
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const value = property.value as Node;
    if (value.type === 'Identifier' && /^(userId|user_id|uid)$/.test(value.name)) return { binding: value.name, idExpression: value.name };
    if (value.type === 'Identifier' && /^(user|session)$/.test(value.name)) return idOf(value);
    if (value.type === 'ObjectPattern') {
      const inner = idOf(value);
      if (inner) return inner;
    }
  }
  return null;
}

/** The first binding in the handler of what a signed-in-user call returns. */
export function sessionUser(fn: Node, program: Node): SessionUser | null {
  void program;
  let found: SessionUser | null = null;
  walk(
    fn,
    new Map([
      [
        'VariableDeclarator',
        [
          (node: Node) => {
            if (found || node.type !== 'VariableDeclarator') return;
            const init = unwrap(node.init);
            const call = init && calleeName(init);
            if (!call || !SIGNED_IN_CALL.test(call)) return;
            const id = idOf(node.id);
            if (id) found = { ...id, call, line: node.loc!.start.line };
          },
        ],
      ],
    ]),
  );
  return found;
}
