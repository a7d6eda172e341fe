import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Prettier from 'prettier';

// Scoped to one async call tree, as file overlays are: `scan` plans the fixes it offers in SARIF
// without running anything of the project's, while `fix`, which the project's owner runs on it,
// formats with the project's own prettier and its configuration.
const withoutCode = new AsyncLocalStorage<true>();

/** Runs `run` so that nothing below it runs the project's code: its installed packages, its JavaScript configuration. */
export function withoutProjectCode<T>(run: () => T): T {
  return withoutCode.run(true, run);
}

/** Whether the project's own code may run in this call tree. */
export function projectCodeMayRun(): boolean {
  return withoutCode.getStore() === undefined;
}

const DATA_CONFIG = /^\.prettierrc$|\.(?:json5?|ya?ml|toml)$/;

/**
 * Whether prettier reads a config file as data, without running it: JSON, JSON5, YAML or TOML, or
 * an object under `"prettier"` in package.json (a string there names a package to load).
 */
function prettierConfigIsData(configFile: string): boolean {
  const base = path.basename(configFile);
  if (base === 'package.json') {
    try {
      const prettier = (JSON.parse(readFileSync(configFile, 'utf8')) as { prettier?: unknown }).prettier;
      return typeof prettier === 'object' && prettier !== null;
    } catch {
      return false;
    }
  }
  return base !== 'package.yaml' && DATA_CONFIG.test(base);
}

/**
 * The prettier config file that applies to `absolute`, when it is the project's own (inside `root`)
 * and may be read here; and whether prettier may be asked for the file's config at all. Where the
 * project's code may not run, a config that is code is neither: prettier's own search, which
 * `resolveConfig` makes without an explicit file, would find it and run it.
 */
export async function projectPrettierConfig(
  prettier: typeof Prettier,
  root: string,
  absolute: string,
): Promise<{ file: string | null; readable: boolean }> {
  const found = await prettier.resolveConfigFile(absolute);
  const readable = found === null || projectCodeMayRun() || prettierConfigIsData(found);
  const inside = found !== null && !path.relative(root, found).startsWith('..');
  return { file: readable && inside ? found : null, readable };
}
