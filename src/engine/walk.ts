import type { Node } from '@babel/types';
import type { Visitor, Visitors } from '../types.ts';
import { VISITOR_KEYS } from './visitor-keys.ts';
import { FUNCTION_TYPES } from './ast.ts';

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
  // Exit handlers are keyed `Type:exit`; found once here, not by building that key at every node.
  const exits = new Map<string, Visitor[]>();
  for (const [key, handlers] of visitors) if (key.endsWith(':exit')) exits.set(key.slice(0, -':exit'.length), handlers);
  forEachNode(
    root,
    (node, ancestors) => {
      const handlers = visitors.get(node.type);
      if (handlers) for (const handler of handlers) handler(node, ancestors);
    },
    exits.size === 0
      ? undefined
      : (node, ancestors) => {
          const handlers = exits.get(node.type);
          if (handlers) for (const handler of handlers) handler(node, ancestors);
        },
  );
}

/** A tree laid out in source order: each node's subtree is `nodes[index]` up to `nodes[ends[index]]`, exclusive. */
interface FlatTree {
  nodes: Node[];
  ends: number[];
  indexOf: Map<Node, number>;
}

let frozen: FlatTree | null = null;

const WALK_ROOTS = new Set(['File', 'Program', 'BlockStatement', ...FUNCTION_TYPES]);

/**
 * Runs `read` while the tree below `root` is taken as unchanging: the checks walk one file's tree a
 * dozen times (each handler's effects, gate, webhook and inputs), so it is laid out once in source
 * order and each walk below any of its nodes is a loop over that array, not a fresh descent.
 * Only `read` sees the layout; a tree that is changed (as transforms do) is always walked afresh.
 */
export function withFrozenTree<T>(root: Node, read: () => T): T {
  const nodes: Node[] = [];
  const ends: number[] = [];
  const indexOf = new Map<Node, number>();
  const open: number[] = [];
  descend(
    root,
    [],
    (node) => {
      // Only the nodes analyses start walks from are looked up; a walk from any other starts afresh.
      if (WALK_ROOTS.has(node.type)) indexOf.set(node, nodes.length);
      open.push(nodes.length);
      nodes.push(node);
      ends.push(0);
    },
    () => {
      ends[open.pop()!] = nodes.length;
    },
  );
  const outer = frozen;
  frozen = { nodes, ends, indexOf };
  try {
    return read();
  } finally {
    frozen = outer;
  }
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
  const start = frozen?.indexOf.get(root);
  if (start === undefined) descend(root, [], enter, exit);
  else walkFlat(frozen!, start, enter, exit);
}

function descend(
  root: Node,
  ancestors: Node[],
  enter: (node: Node, ancestors: readonly Node[]) => void | 'skip',
  exit?: (node: Node, ancestors: readonly Node[]) => void,
): void {
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

/** The same visits as `descend`, in the same order, over a laid-out tree. */
function walkFlat(
  tree: FlatTree,
  start: number,
  enter: (node: Node, ancestors: readonly Node[]) => void | 'skip',
  exit?: (node: Node, ancestors: readonly Node[]) => void,
): void {
  const { nodes, ends } = tree;
  const stop = ends[start]!;
  const ancestors: Node[] = [];
  const open: number[] = [];
  let index = start;
  while (index < stop) {
    while (open.length > 0 && open[open.length - 1]! <= index) {
      open.pop();
      const done = ancestors.pop()!;
      exit?.(done, ancestors);
    }
    const node = nodes[index]!;
    const end = ends[index]!;
    if (enter(node, ancestors) === 'skip') {
      index = end;
      continue;
    }
    if (end > index + 1) {
      ancestors.push(node);
      open.push(end);
    } else {
      exit?.(node, ancestors);
    }
    index++;
  }
  while (open.length > 0) {
    open.pop();
    const done = ancestors.pop()!;
    exit?.(done, ancestors);
  }
}
