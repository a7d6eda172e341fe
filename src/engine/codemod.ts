import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { Node } from '@babel/types';

/** The chain of nodes from the program down to the path's parent, as the checks' visitors see it. */
export function ancestorsOf(path: ASTPath): Node[] {
  const chain: Node[] = [];
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null) chain.unshift(current.node as unknown as Node);
  return chain;
}

/**
 * Leaves `// TODO(shipshape): <text>` above the statement holding the path, once: what a transform
 * cannot convert safely stays as it was, with a note for the person who can. False when already there.
 */
export function addTodo(j: JSCodeshift, path: ASTPath, text: string): boolean {
  const statement = j(path).closest(j.Statement);
  if (statement.length === 0) return false;
  let holder = statement.get() as ASTPath;
  // `export const x = …`: the note goes above the export, not between `export` and `const`.
  while (holder.parent && /^Export(Named|Default)Declaration$/.test(holder.parent.node.type)) holder = holder.parent;
  const node = holder.node as { comments?: Array<{ value: string }> };
  const note = `TODO(shipshape): ${text}`;
  node.comments ??= [];
  if (node.comments.some((comment) => comment.value.includes(note))) return false;
  node.comments.push(j.commentLine(` ${note}`, true, false) as unknown as { value: string });
  return true;
}

/** Source text for a template literal's raw part. */
export function templateRaw(cooked: string): string {
  return cooked.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}
