import path from 'node:path';
import type { Changeset } from '../../src/engine/changeset.ts';
import { newFileText } from '../../src/engine/project-style.ts';
import { renderTemplate } from '../../src/engine/templates.ts';
import type { PackageInfo, Project } from '../../src/project/types.ts';

const EXPORTS_WITH_RETRY = /export\s+(async\s+)?function\s+withRetry\b|export\s+const\s+withRetry\b/;

/**
 * `lib/retry.ts` (`src/lib/` when the file is under `src/`; `.js` in a JavaScript file's app), or
 * `lib/bounded-retry.ts` beside a project's own `retry` module that does not export `withRetry`.
 */
export function retryModulePath(changeset: Changeset, pkg: PackageInfo, file: string): string {
  const inSrc = file.slice(pkg.dir ? pkg.dir.length + 1 : 0).startsWith('src/');
  const dir = path.posix.join(pkg.dir, inSrc ? 'src/lib' : 'lib');
  const ext = /\.tsx?$/.test(file) ? 'ts' : 'js';
  const candidates = ['retry', 'bounded-retry'].map((name) => `${dir}/${name}.${ext}`);
  return (
    candidates.find((candidate) => {
      const existing = changeset.read(candidate);
      return existing === null || EXPORTS_WITH_RETRY.test(existing);
    }) ?? candidates[1]!
  );
}

/** Writes the retry module once; a module that already exports `withRetry` is kept. */
export async function writeRetryModule(
  project: Project,
  changeset: Changeset,
  module: string,
  settings: { attempts: number; baseDelayMs: number },
): Promise<void> {
  const existing = changeset.read(module);
  if (existing !== null) return;
  const text = renderTemplate('code/retry.ts', { typescript: module.endsWith('.ts'), ...settings });
  changeset.write(module, await newFileText(project, module, text));
}
