import { PUBLIC_ENV_PREFIX } from '../src/analysis/env-reads.ts';
import path from 'node:path';
import type { Changeset } from '../src/engine/changeset.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Project } from '../src/project/types.ts';
import { isSourceFile } from '../src/project/load-project.ts';
import { meta } from './meta/rename-public-secret-env.ts';
export { meta };

const TEXT_FILES = /\.(md|mdx|json|ya?ml|toml|txt)$/i;

/**
 * `process.env.X || process.env.NEXT_PUBLIC_X` reads `process.env.X || process.env.X` once renamed:
 * the fallback to itself goes (with `??`, bracket reads and `import.meta.env` alike).
 */
function collapseSelfFallbacks(text: string, name: string): string {
  const read = `(?:process\\.env\\.${name}\\b|process\\.env\\[\\s*(?:'${name}'|"${name}"|\`${name}\`)\\s*\\]|import\\.meta\\.env\\.${name}\\b)`;
  return text.replace(new RegExp(`(${read})(?:\\s*(?:\\|\\||\\?\\?)\\s*${read})+`, 'g'), '$1');
}

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  renamePublicVariables(
    project,
    changeset,
    findings.filter((f) => f.ruleId === 'public-env-secret').map((f) => String(f.data?.variable ?? '')),
  );
}

/** Renames each public-prefixed variable to its bare name in code, env files and docs, keeping values. */
export function renamePublicVariables(
  project: Project,
  changeset: Changeset,
  variables: readonly string[],
  browserCodeMoved = false,
): void {
  const names = [...new Set(variables)].filter((name) => PUBLIC_ENV_PREFIX.test(name)).sort();
  if (names.length === 0) return;
  const files = [
    ...new Set([
      ...project.envFiles.map((env) => env.path),
      ...project.files.filter((file) => isSourceFile(file) || TEXT_FILES.test(file)),
    ]),
  ]
    .filter((file) => !/(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/.test(path.posix.basename(file)))
    .sort();
  const defined = new Map(project.envFiles.map((env) => [env.path, new Set(env.variables.map((v) => v.name))]));

  for (const name of names) {
    const renamed = name.replace(PUBLIC_ENV_PREFIX, '');
    // Both names in one env file: renaming would leave two values for one name.
    const clash = [...defined].find(([, variables]) => variables.has(name) && variables.has(renamed));
    if (clash) {
      changeset.followUp({
        kind: 'manual',
        message: `${clash[0]} defines both ${name} and ${renamed}: keep the right value under ${renamed} and delete ${name}`,
      });
      continue;
    }
    let renamedSomewhere = false;
    const word = new RegExp(`\\b${name}\\b`, 'g');
    for (const file of files) {
      const text = changeset.read(file);
      if (text === null || !text.includes(name)) continue;
      const replaced = text.replace(word, renamed);
      changeset.write(file, isSourceFile(file) ? collapseSelfFallbacks(replaced, renamed) : replaced);
      renamedSomewhere = true;
    }
    // Planned after another fix that renamed it already: nothing more to say.
    if (!renamedSomewhere) continue;
    changeset.followUp({ kind: 'secret', message: `rotate ${renamed}: as ${name} it shipped in the browser bundle` });
    const rest = browserCodeMoved ? '' : ', and move the browser code that used it behind a server route or action';
    changeset.followUp({ kind: 'manual', message: `rename ${name} to ${renamed} on the host (Vercel, Netlify, …)${rest}` });
  }
}
