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
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    const handlers = visitors.get(node.type);
    if (handlers) for (const handler of handlers) handler(node, ancestors);
    const keys = VISITOR_KEYS[node.type];
    if (!keys) return;
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
    const exits = visitors.get(`${node.type}:exit`);
    if (exits) for (const handler of exits) handler(node, ancestors);
  };
  visit(root);
}

/** Calls `onNode` for a node and every node below it, in source order, with its ancestors. */
export function forEachNode(root: Node, onNode: (node: Node, ancestors: readonly Node[]) => void): void {
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    onNode(node, ancestors);
    const keys = VISITOR_KEYS[node.type];
    if (!keys) return;
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
  };
  visit(root);
}
