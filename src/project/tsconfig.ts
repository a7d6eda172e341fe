import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTsconfig, type TsConfigResult } from 'get-tsconfig';
import { requirePackage } from '../engine/require-package.cjs';

const JSON5 = requirePackage<typeof import('json5')>('json5');

type Cache = Parameters<typeof getTsconfig>[2];

function nearest(dir: string, name: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, name);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return null;
  }
}

/**
 * The tsconfig.json (else jsconfig.json) that governs `dir`, with what it extends merged in.
 * A config that extends a package not installed (`@tsconfig/node16` before `npm install`, a
 * workspace's shared config) still gives its own options, read without the `extends`: the paths and
 * base URL it declares are the app's own. A file that cannot be read at all counts as none.
 */
export function readTsconfig(dir: string, cache?: Cache): TsConfigResult | null {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    try {
      const found = getTsconfig(dir, name, cache);
      if (found) return found;
    } catch {
      const file = nearest(dir, name);
      if (!file) continue;
      try {
        const { extends: _extends, ...config } = JSON5.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
        return { path: file, config: config as TsConfigResult['config'] };
      } catch {
        return null;
      }
    }
  }
  return null;
}
