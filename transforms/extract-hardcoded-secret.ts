import { appendBlock } from '../src/engine/changeset.ts';
import { createHash } from 'node:crypto';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { TextEdits } from '../src/engine/codemod.ts';
import { lineEndingFor } from '../src/engine/project-style.ts';
import { parseSource } from '../src/engine/parse.ts';
import { walk } from '../src/engine/walk.ts';
import { envTemplateFile } from '../src/project/env-files.ts';
import type { Node } from '@babel/types';
import { gitIgnored } from '../src/project/git.ts';
import type { Project } from '../src/project/types.ts';
export { meta } from './meta/extract-hardcoded-secret.ts';

/** `.env.local` where git ignores it, so a value written there is never committed; null otherwise. */
function envLocalFile(project: Project): string | null {
  const known = project.envFiles.find((env) => env.path === '.env.local');
  if (known) return known.ignored && !known.tracked ? known.path : null;
  return project.git.isRepo && gitIgnored(project.root, ['.env.local']).has('.env.local') ? '.env.local' : null;
}

/** `NAME=value`, quoted when the value holds what an env parser would cut or change. */
function envAssignment(name: string, value: string): string {
  return /[\s#"'$\\]/.test(value)
    ? `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
    : `${name}=${value}`;
}

const BY_KIND: Record<string, string> = {
  'Stripe secret key': 'STRIPE_SECRET_KEY',
  'Stripe webhook secret': 'STRIPE_WEBHOOK_SECRET',
  'OpenAI API key': 'OPENAI_API_KEY',
  'Anthropic API key': 'ANTHROPIC_API_KEY',
  'Supabase secret key': 'SUPABASE_SECRET_KEY',
  'Supabase service-role key': 'SUPABASE_SERVICE_ROLE_KEY',
  'AWS access key': 'AWS_ACCESS_KEY_ID',
  'private key': 'PRIVATE_KEY',
  'database password': 'DATABASE_URL',
};

/** `webhookSecret` → `WEBHOOK_SECRET`. */
function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export async function plan({ project, findings, options, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === 'hardcoded-secret' && f.severity !== 'low');
  if (relevant.length === 0) return;
  const names = new Map<string, string>();
  const used = new Set<string>();
  const added: string[] = [];
  const values = new Map<string, string>();
  for (const file of [...new Set(relevant.map((f) => f.file))].sort()) {
    const source = changeset.read(file);
    if (source === null) continue;
    const here = new Set(relevant.filter((f) => f.file === file).map((f) => `${f.line}:${f.column}`));
    const edits = new TextEdits(source, file);
    const typescript = /\.[cm]?tsx?$/.test(file);
    const visit = (node: Node, ancestors: readonly Node[]) => {
      const at = `${node.loc!.start.line}:${node.loc!.start.column + 1}`;
      if (!here.has(at)) return;
      const finding = relevant.find((f) => f.file === file && `${f.line}:${f.column}` === at)!;
      // `process.env.X || '…'` already reads the variable: the fallback goes, so an unset variable is seen instead of the literal.
      const parent = ancestors.at(-1);
      if (finding.data?.fallbackOf && parent?.type === 'LogicalExpression' && parent.right === node) {
        edits.replace(parent.left.end!, node.end!, typescript ? '!' : '');
        if (!added.includes(String(finding.data.fallbackOf))) added.push(String(finding.data.fallbackOf));
        return;
      }
      const kind = String(finding.data?.kind ?? '');
      const base = BY_KIND[kind] ?? (finding.data?.name ? screamingSnake(String(finding.data.name)) : 'JWT_SECRET');
      // The same secret in two places gets one name; a digest tells values apart without keeping them.
      const key = `${kind}\0${base}\0${createHash('sha256').update(source.slice(node.start!, node.end!)).digest('hex')}`;
      let name = names.get(key);
      if (!name) {
        name = base;
        for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
        used.add(name);
        names.set(key, name);
        added.push(name);
        const literal =
          node.type === 'StringLiteral'
            ? node.value
            : node.type === 'TemplateLiteral' && node.expressions.length === 0
              ? node.quasis[0]!.value.cooked
              : null;
        if (literal) values.set(name, literal);
      }
      edits.replace(node.start!, node.end!, `process.env.${name}${typescript ? '!' : ''}`);
    };
    walk(
      parseSource(file, source),
      new Map([
        ['StringLiteral', [visit]],
        ['TemplateLiteral', [visit]],
      ]),
    );
    if (edits.changed) changeset.write(file, edits.apply());
  }
  if (added.length === 0) return;
  const template = envTemplateFile(project.envFiles);
  const existing = changeset.read(template);
  const current = existing ?? '';
  const missing = added.filter((name) => !new RegExp(`^\\s*${name}\\s*=`, 'm').test(current));
  if (missing.length > 0) {
    const lines = ['# Server only: set on the host, never in code', ...missing.map((name) => `${name}=`)];
    changeset.write(template, appendBlock(current, lines, await lineEndingFor(project, template, existing)));
  }
  const local = options.writeEnvLocal === true ? envLocalFile(project) : null;
  if (options.writeEnvLocal === true && !local)
    changeset.followUp({
      kind: 'manual',
      message: '.env.local is not git-ignored, so no value was written to it: run `shipshape fix --only env-file-not-ignored` first',
    });
  if (local) {
    const existing = changeset.read(local);
    const current = existing ?? '';
    const missing = added.filter((name) => values.has(name) && !new RegExp(`^\\s*${name}\\s*=`, 'm').test(current));
    if (missing.length > 0)
      changeset.write(
        local,
        appendBlock(
          current,
          missing.map((name) => envAssignment(name, values.get(name)!)),
          await lineEndingFor(project, local, existing),
        ),
      );
  }
  for (const name of added) {
    changeset.followUp({ kind: 'secret', message: `rotate ${name}: its old value is in the git history` });
    const written = local !== null && values.has(name);
    changeset.followUp({
      kind: 'manual',
      message: written
        ? `put the new ${name} in ${local} and on the host once rotated`
        : `put the new ${name} in .env.local and on the host (shipshape does not copy secret values)`,
    });
  }
}
