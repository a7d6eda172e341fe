import type { Node } from '@babel/types';
import { mergeVisitors, walk } from '../../src/engine/walk.ts';
import { isFunction } from './scope.ts';

/**
 * `const completion = await client.call(…)` whose every use reads `completion.choices[0]?.message.content`:
 * the server returns just that, and the browser's uses read the value itself.
 */
export function returnedPath(
  source: string,
  call: Node,
  parent: Node | undefined,
  holder: Node | undefined,
  ancestors: Node[],
): { expression: string | null; edits: Array<{ start: number; end: number; text: string }> } {
  if (parent?.type === 'AwaitExpression' && holder?.type === 'ExpressionStatement') return { expression: null, edits: [] };
  if (parent?.type !== 'AwaitExpression' || holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier')
    return { expression: '', edits: [] };
  const name = holder.id.name;
  const paths: Array<{ start: number; end: number; segments: string[] }> = [];
  let whole = false;
  forEachRead(name, holder.id, ancestors, (node, nodeAncestors) => {
    const up = nodeAncestors.at(-1);
    if ((up?.type === 'MemberExpression' || up?.type === 'OptionalMemberExpression') && up.property === node && !up.computed) return;
    const segments: string[] = [];
    let end = node.end!;
    for (let i = nodeAncestors.length - 1; i >= 0; i--) {
      const member = nodeAncestors[i]!;
      const inner = i === nodeAncestors.length - 1 ? node : nodeAncestors[i + 1]!;
      if (!((member.type === 'MemberExpression' || member.type === 'OptionalMemberExpression') && member.object === inner)) break;
      const outer = nodeAncestors[i - 1];
      if ((outer?.type === 'CallExpression' || outer?.type === 'OptionalCallExpression') && outer.callee === member) break;
      segments.push(source.slice(end, member.end!));
      end = member.end!;
    }
    if (segments.length === 0) whole = true;
    paths.push({ start: node.start!, end, segments });
  });
  if (whole || paths.length === 0) return { expression: '', edits: [] };
  const common: string[] = [];
  for (let i = 0; paths.every((p) => p.segments[i] !== undefined && p.segments[i] === paths[0]!.segments[i]); i++)
    common.push(paths[0]!.segments[i]!);
  if (common.length === 0) return { expression: '', edits: [] };
  const edits = paths.map((p) => ({ start: p.start, end: p.start + name.length + common.join('').length, text: name }));
  return { expression: common.join(''), edits };
}

/** `const res = await fetch(…)` read through `res.json()`, `res.ok` and `res.status` only. */
export function fetchReader(
  source: string,
  call: Node,
  parent: Node | undefined,
  holder: Node | undefined,
  ancestors: Node[],
): { edits: Array<{ start: number; end: number; text: string }> } | null {
  if (parent?.type !== 'AwaitExpression' || holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return null;
  const name = holder.id.name;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let unsupported = false;
  forEachRead(name, holder.id, ancestors, (node, nodeAncestors) => {
    const member = nodeAncestors.at(-1);
    if ((member?.type === 'MemberExpression' || member?.type === 'OptionalMemberExpression') && member.property === node) return;
    if (member?.type !== 'MemberExpression' || member.object !== node || member.property.type !== 'Identifier') {
      unsupported = true;
      return;
    }
    const property = member.property.name;
    const outer = nodeAncestors.at(-2);
    if (property === 'json' && outer?.type === 'CallExpression' && outer.callee === member)
      edits.push({ start: outer.start!, end: outer.end!, text: `${name}.body` });
    else if (property !== 'ok' && property !== 'status') unsupported = true;
  });
  return unsupported ? null : { edits };
}

/** Calls `visit` on each identifier named `name`, other than its declaration, in the function around the call. */
function forEachRead(
  name: string,
  declaration: Node,
  ancestors: Node[],
  visit: (node: Node, nodeAncestors: readonly Node[]) => void,
): void {
  const scope = [...ancestors].reverse().find(isFunction)!;
  walk(
    (scope as { body: Node }).body,
    mergeVisitors([
      {
        Identifier(node, nodeAncestors) {
          if ((node as { name: string }).name !== name || node === declaration) return;
          visit(node, nodeAncestors);
        },
      },
    ]),
  );
}
