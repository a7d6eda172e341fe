import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';

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
export function prettierConfigIsData(configFile: string): boolean {
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
