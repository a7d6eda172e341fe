import type { Node, Program } from '@babel/types';
import { forEachNode } from '../../engine/walk.ts';

export type NodeVisitor = (node: Node, ancestors: readonly Node[]) => void;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Module-level names and the code they stand for: function bodies and constant initialisers. */
function moduleDefinitions(program: Program): Map<string, Node> {
  const definitions = new Map<string, Node>();
  for (const top of program.body) {
    const statement = top.type === 'ExportNamedDeclaration' && top.declaration ? top.declaration : top;
    if (statement.type === 'FunctionDeclaration' && statement.id) definitions.set(statement.id.name, statement);
    if (statement.type === 'VariableDeclaration')
      for (const declarator of statement.declarations)
        if (declarator.id.type === 'Identifier' && declarator.init) definitions.set(declarator.id.name, declarator.init);
  }
  return definitions;
}

/**
 * The code a handler runs inside its own module: its function, and, transitively, the module's
 * functions and constants it names. A helper that verifies or parses the event is then seen with
 * the handler that calls it; what other modules do stays out of sight.
 */
export function reachableCode(handler: Node, program: Program): Node[] {
  const definitions = moduleDefinitions(program);
  const reached: Node[] = [handler];
  const seen = new Set<Node>([handler]);
  for (let index = 0; index < reached.length; index++) {
    walkNodes(reached[index]!, (node) => {
      if (node.type !== 'Identifier') return;
      const definition = definitions.get(node.name);
      if (!definition || seen.has(definition)) return;
      seen.add(definition);
      reached.push(definition);
    });
  }
  return reached;
}

/** Every node under `root`, with its ancestors from `root` down. */
export const walkNodes: (root: Node, visit: NodeVisitor) => void = forEachNode;

/** Every node under each root. */
export function walkAll(roots: readonly Node[], visit: NodeVisitor): void {
  for (const root of roots) walkNodes(root, visit);
}

export function isFunction(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type) || node.type === 'ObjectMethod' || node.type === 'ClassMethod';
}
