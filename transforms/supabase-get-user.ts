import type { API, FileInfo } from 'jscodeshift';
import type { File as BabelFile, Node, ObjectPattern, Program as BabelProgram, VariableDeclarator } from '@babel/types';
import { TextEdits, sourceTree } from '../src/engine/codemod.ts';
import { moduleHandlers } from '../src/analysis/request-handlers.ts';
import { chainText, unwrap, visitInside } from '../src/analysis/auth/syntax.ts';
import { meta } from './meta/supabase-get-user.ts';
import { isPropertyAfterDot } from '../src/engine/ast.ts';
export { meta };

export const parser = 'tsx';

type Edit = { start: number; end: number; text: string };

const propertyOf = (pattern: ObjectPattern, key: string) =>
  pattern.properties.find((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === key) as
    { key: Node; value: Node; shorthand: boolean; start: number; end: number } | undefined;

/** Every read of `name` after `after` in `fn`: the identifier and the member chain it heads, with its parent. */
function readsOf(fn: Node, name: string, after: number): Array<{ node: Node; parent: Node | undefined }> {
  const reads: Array<{ node: Node; parent: Node | undefined }> = [];
  visitInside(
    fn,
    (node, ancestors) => {
      if (node.type !== 'Identifier' || node.name !== name || node.start! < after) return;
      const parent = ancestors.at(-1);
      if (isPropertyAfterDot(node, parent)) return;
      if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.shorthand) return;
      reads.push({ node, parent });
    },
    true,
  );
  return reads;
}

/** `x.user` or `x?.user` headed by the read: the member to collapse into the new binding. */
function userMember(read: { node: Node; parent: Node | undefined }, member: string): Node | null {
  const parent = read.parent;
  if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === read.node) {
    const property = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : null;
    if (property === member) return parent;
  }
  return null;
}

/** The edits that turn one `getSession()` declaration into `getUser()`, or null when the session is used for more than its user. */
function rewrite(fn: Node, declarator: VariableDeclarator, call: Node, source: string): Edit[] | null {
  const callee = (call as { callee: Node }).callee as { property: Node };
  const edits: Edit[] = [{ start: callee.property.start!, end: callee.property.end!, text: 'getUser' }];
  if (declarator.id.type !== 'ObjectPattern') return null;
  const data = propertyOf(declarator.id, 'data');
  if (!data) return null;
  const after = declarator.end!;
  if (data.value.type === 'ObjectPattern') {
    const session = propertyOf(data.value, 'session');
    if (!session || session.value.type !== 'Identifier') return null;
    const local = session.value.name;
    const renamed = session.shorthand ? 'user' : local;
    // A `user` the handler already has would be shadowed.
    if (session.shorthand && readsOf(fn, 'user', 0).length > 0) return null;
    edits.push({ start: session.start, end: session.end, text: session.shorthand ? 'user' : `user: ${local}` });
    for (const read of readsOf(fn, local, after)) {
      const member = userMember(read, 'user');
      if (member) edits.push({ start: member.start!, end: member.end!, text: renamed });
      else if (read.parent?.type === 'MemberExpression' || read.parent?.type === 'OptionalMemberExpression') return null;
      else if (session.shorthand) edits.push({ start: read.node.start!, end: read.node.end!, text: renamed });
    }
    return edits;
  }
  if (data.value.type !== 'Identifier') return null;
  const local = data.value.name;
  for (const read of readsOf(fn, local, after)) {
    const session = userMember(read, 'session');
    if (!session) return null;
    // `data.session.user` → `data.user`; `data.session` (tested for null) → `data.user`.
    const outer = readsOuter(fn, session);
    const user = outer && userMember({ node: session, parent: outer }, 'user');
    if (user) edits.push({ start: user.start!, end: user.end!, text: `${local}.user` });
    else if (
      outer &&
      (outer.type === 'MemberExpression' || outer.type === 'OptionalMemberExpression') &&
      (outer as { object: Node }).object === session
    )
      return null;
    else
      edits.push({
        start: session.start!,
        end: session.end!,
        text: `${local}${source.slice(read.node.end!, session.end!).startsWith('?') ? '?' : ''}.user`,
      });
  }
  return edits;
}

function readsOuter(fn: Node, inner: Node): Node | undefined {
  let found: Node | undefined;
  visitInside(
    fn,
    (node, ancestors) => {
      if (node === inner) found = ancestors.at(-1);
    },
    true,
  );
  return found;
}

export default function supabaseGetUser(file: FileInfo, api: API): string | undefined {
  if (!meta.prefilter!.some((text) => file.source.includes(text))) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const program = root.find(j.Program).get().node as unknown as BabelProgram;
  const handlers = moduleHandlers(file.path, { type: 'File', program } as BabelFile);
  const edits = new TextEdits(file.source, file.path);
  for (const handler of handlers) {
    visitInside(handler.fn, (node) => {
      if (node.type !== 'VariableDeclarator') return;
      const call = unwrap(node.init);
      if (call?.type !== 'CallExpression' || !/\.auth\.getSession$/.test(chainText(call.callee) ?? '')) return;
      if (/\.api\.getSession$/.test(chainText(call.callee) ?? '')) return;
      for (const edit of rewrite(handler.fn, node, call, file.source) ?? []) edits.replace(edit.start, edit.end, edit.text);
    });
  }
  return edits.changed ? edits.apply() : undefined;
}
