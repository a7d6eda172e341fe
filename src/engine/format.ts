import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Prettier from 'prettier';
import { projectCodeMayRun, projectPrettierConfig } from './project-code.ts';

let cached: { root: string; prettier: typeof Prettier } | null = null;

/** The project's own prettier when it has one, so its version formats its code; ours otherwise. */
async function prettierFor(root: string): Promise<typeof Prettier> {
  if (!projectCodeMayRun()) return import('prettier');
  if (cached?.root === root) return cached.prettier;
  let prettier: typeof Prettier;
  try {
    const resolved = createRequire(path.join(root, 'package.json')).resolve('prettier');
    prettier = (await import(pathToFileURL(resolved).href)) as typeof Prettier;
    if (typeof prettier.format !== 'function') prettier = (prettier as unknown as { default: typeof Prettier }).default;
  } catch {
    prettier = await import('prettier');
  }
  cached = { root, prettier };
  return prettier;
}

/**
 * Formats a file the fix touched, only where the project has a prettier config of its own;
 * elsewhere the file keeps its style, which recast preserves. A config prettier cannot load
 * (a plugin that is not installed, say) leaves the text as it is and says why.
 */
export async function formatIfConfigured(root: string, file: string, text: string): Promise<{ text: string; problem?: string }> {
  try {
    const prettier = await prettierFor(root);
    const absolute = path.join(root, file);
    const { file: configFile } = await projectPrettierConfig(prettier, root, absolute);
    if (!configFile) return { text };
    const info = await prettier.getFileInfo(absolute, { ignorePath: path.join(root, '.prettierignore') });
    if (info.ignored || !info.inferredParser) return { text };
    const config = (await prettier.resolveConfig(absolute, { config: configFile })) ?? {};
    // Where the project's code may not run, a config that loads plugins is not used either.
    if (!projectCodeMayRun() && (config.plugins?.length ?? 0) > 0) return { text };
    // A CRLF file stays CRLF unless the project's config asks for other line endings.
    return { text: await prettier.format(text, { endOfLine: 'auto', ...config, filepath: absolute }) };
  } catch (error) {
    return { text, problem: (error as Error).message.split('\n')[0] };
  }
}
