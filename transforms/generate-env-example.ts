import { requirePackage } from '../src/engine/require-package.cjs';
import { appendBlock, type Changeset } from '../src/engine/changeset.ts';
import { PUBLIC_ENV_PREFIX } from '../src/analysis/env-reads.ts';
import { lineEndingFor } from '../src/engine/project-style.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Project } from '../src/project/types.ts';
import { envTemplateFile } from '../src/project/env-files.ts';

const ignore = requirePackage<typeof import('ignore')>('ignore');
export { meta } from './meta/generate-env-example.ts';

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === 'env-var-undocumented' || f.ruleId === 'env-var-undefined');
  if (relevant.length === 0) return;
  await documentEnvVariables(
    project,
    changeset,
    relevant.map((f) => String(f.data?.variable)),
  );
  for (const finding of relevant.filter((f) => f.ruleId === 'env-var-undefined')) {
    changeset.followUp({
      kind: 'manual',
      message: `set ${String(finding.data?.variable)} in .env.local and on the host: the code reads it (${finding.file}:${finding.line})`,
    });
  }
}

/**
 * Lists variables in the project's env template (`.env.example`, `.env.local.example`, …, or a new
 * `.env.example`), public ones apart from server-only ones, skipping those already listed.
 */
export async function documentEnvVariables(project: Project, changeset: Changeset, names: readonly string[]): Promise<void> {
  const file = envTemplateFile(project.envFiles);
  const existing = changeset.read(file);
  const current = existing ?? '';
  const listed = new Set(
    current
      .split(/\r?\n/)
      .map((line) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)?.[1])
      .filter(Boolean),
  );
  const missing = [...new Set(names)].filter((name) => !listed.has(name)).sort();
  const sections: string[] = [];
  const publicNames = missing.filter((name) => PUBLIC_ENV_PREFIX.test(name));
  const serverNames = missing.filter((name) => !PUBLIC_ENV_PREFIX.test(name));
  if (publicNames.length > 0)
    sections.push(['# Public: inlined into the browser bundle, so never a secret', ...publicNames.map((name) => `${name}=`)].join('\n'));
  if (serverNames.length > 0) sections.push(['# Server only', ...serverNames.map((name) => `${name}=`)].join('\n'));
  if (sections.length === 0) return;
  changeset.write(file, appendBlock(current, [sections.join('\n\n')], await lineEndingFor(project, file, existing)));
  keepCommitted(changeset, file);
}

/** A template that `.env*` (or any other pattern) git-ignores is never committed: `!<template>` in the same change lets it in. */
function keepCommitted(changeset: Changeset, template: string): void {
  const gitignore = changeset.read('.gitignore');
  if (gitignore === null || !ignore().add(gitignore.split(/\r?\n/)).ignores(template)) return;
  const newline = gitignore.includes('\r\n') ? '\r\n' : '\n';
  const lines = gitignore.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  changeset.write('.gitignore', [...lines, `!${template}`, ''].join(newline));
}
