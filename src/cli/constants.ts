import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/package-root.ts';

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export const VERSION: string = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
