import path from 'node:path';
import type { Node } from '@babel/types';

export function isNextConfigFile(file: string): boolean {
  return /^next\.config\.(js|mjs|cjs|ts|mts|cts)$/.test(path.posix.basename(file));
}

/** The static name of an object property or member key, or null when it is computed. */
export function propertyName(node: Node): string | null {
  if (node.type !== 'ObjectProperty' && node.type !== 'ObjectMethod') return null;
  const key = node.key;
  if (key.type === 'Identifier' && !node.computed) return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return null;
}
