import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The folder of shipshape's own package.json, from the source tree or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'shipshape') return (root = dir);
    } catch {
      // not here: keep climbing
    }
    if (path.dirname(dir) === dir) throw new Error('cannot find the shipshape package root');
  }
}
