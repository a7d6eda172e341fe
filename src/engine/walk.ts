import type { Node } from '@babel/types';
import type { Visitor, Visitors } from '../types.ts';
import { VISITOR_KEYS } from './visitor-keys.ts';

/** Several checks' visitors merged, so a file's tree is walked once for all of them. */
export function mergeVisitors(all: Visitors[]): Map<string, Visitor[]> {
  const merged = new Map<string, Visitor[]>();
  for (const visitors of all) {
    // Each handler takes the node type it is keyed by, which is the type `walk` hands it.
    for (const [type, visit] of Object.entries(visitors) as Array<[string, Visitor | undefined]>) {
      if (!visit) continue;
      const list = merged.get(type);
      if (list) list.push(visit);
      else merged.set(type, [visit]);
    }
  }
  return merged;
}

export function walk(root: Node, visitors: Map<string, Visitor[]>): void {
  forEachNode(
    root,
    (node, ancestors) => {
      const handlers = visitors.get(node.type);
      if (handlers) for (const handler of handlers) handler(node, ancestors);
    },
    (node, ancestors) => {
      const exits = visitors.get(`${node.type}:exit`);
      if (exits) for (const handler of exits) handler(node, ancestors);
    },
  );
}

/**
 * Calls `enter` for a node and every node below it, in source order, with its ancestors, and `exit`
 * once a node's children are done. The nodes below one whose `enter` returns 'skip' are not visited.
 */
export function forEachNode(
  root: Node,
  enter: (node: Node, ancestors: readonly Node[]) => void | 'skip',
  exit?: (node: Node, ancestors: readonly Node[]) => void,
): void {
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    if (enter(node, ancestors) === 'skip') return;
    const keys = VISITOR_KEYS[node.type];
    if (keys) {
      ancestors.push(node);
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as Node);
        } else if (child && typeof child === 'object' && 'type' in child) {
          visit(child as Node);
        }
      }
      ancestors.pop();
    }
    exit?.(node, ancestors);
  };
  visit(root);
}
