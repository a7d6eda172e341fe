import { appendBlock } from '../src/engine/changeset.ts';
import path from 'node:path';
import { lineEndingFor } from '../src/engine/project-style.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
export { meta } from './meta/ignore-env-files.ts';

const TEMPLATE_NAMES = ['.env.example', '.env.sample', '.env.template'];

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const envFindings = findings.filter((finding) => finding.ruleId === 'env-file-not-ignored');
  if (envFindings.length === 0) return;
  const existing = changeset.read('.gitignore');
  const current = existing ?? '';
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const templates = TEMPLATE_NAMES.filter(
    (name) => name === '.env.example' || project.envFiles.some((env) => path.posix.basename(env.path) === name),
  );
  const wanted = ['.env*', ...templates.map((name) => `!${name}`)].filter((line) => !present.has(line));
  const needsPattern = envFindings.some((finding) => finding.data?.ignored !== true);
  if (wanted.length > 0 && needsPattern) {
    const lines = ['# Env files hold secrets; only the templates are committed.', ...wanted];
    changeset.write('.gitignore', appendBlock(current, lines, await lineEndingFor(project, '.gitignore', existing)));
  }
  for (const finding of envFindings) {
    if (finding.data?.tracked !== true) continue;
    changeset.followUp({ kind: 'command', message: `git rm --cached ${finding.file}   # untrack it; the file stays on disk` });
    changeset.followUp({ kind: 'secret', message: `rotate every secret in ${finding.file}: it is in the git history` });
  }
}
