import type { Node } from '@babel/types';
import { walkAll } from './reach.ts';

/**
 * How a handler reads the request body. `json`, `form` and `parsed` (a Pages Router `req.body`)
 * are a parse of the bytes the provider signed; `text` and `raw` are those bytes.
 */
export interface BodyRead {
  kind: 'json' | 'form' | 'parsed' | 'text' | 'raw';
  node: Node;
  /** The name the read is bound to (`const payload = await req.json()`), else null. */
  binding: string | null;
}

const READ_METHODS: Readonly<Record<string, BodyRead['kind']>> = {
  json: 'json',
  formData: 'form',
  text: 'text',
  arrayBuffer: 'raw',
  blob: 'raw',
};

/** Helpers that read a Node request stream whole: `micro`'s `buffer`, `raw-body`, and their usual names. */
const RAW_READERS = /^(buffer|getRawBody|rawBody|readRawBody|getRawRequestBody|readBody|text|streamToBuffer|toBuffer)$/;

/** The expression a read stands in, through `await`, `as` and parentheses. */
function outermost(node: Node, ancestors: readonly Node[]): { node: Node; parent: Node | undefined } {
  let current = node;
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const parent = ancestors[index]!;
    if (
      ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(parent.type)
    )
      current = parent;
    else return { node: current, parent };
  }
  return { node: current, parent: undefined };
}

export function bindingOf(node: Node, ancestors: readonly Node[]): string | null {
  const { node: value, parent } = outermost(node, ancestors);
  if (parent?.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === value && parent.left.type === 'Identifier') return parent.left.name;
  return null;
}

/** Every place the handler (or a helper of its module it calls with the request) reads the body. */
export function bodyReads(request: string | null, code: readonly Node[]): BodyRead[] {
  const reads: BodyRead[] = [];
  const isRequest = (node: Node) => node.type === 'Identifier' && (node.name === request || /^(req|request)$/.test(node.name));
  walkAll(code, (node, ancestors) => {
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && isRequest(callee.object)) {
        const kind = READ_METHODS[callee.property.name];
        if (kind) reads.push({ kind, node, binding: bindingOf(node, ancestors) });
        return;
      }
      const name = callee.type === 'Identifier' ? callee.name : null;
      if (name && RAW_READERS.test(name) && node.arguments.some((argument) => isRequest(argument)))
        reads.push({ kind: 'raw', node, binding: bindingOf(node, ancestors) });
      return;
    }
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'body') {
      if (isRequest(node.object)) reads.push({ kind: 'parsed', node, binding: bindingOf(node, ancestors) });
      return;
    }
    if (node.type === 'ForOfStatement' && node.await && isRequest(node.right)) reads.push({ kind: 'raw', node, binding: null });
  });
  return reads;
}
