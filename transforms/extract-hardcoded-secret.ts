import { appendBlock } from '../src/engine/changeset.ts';
import { createHash } from 'node:crypto';
import type { ProjectTransformContext, TransformMeta } from '../src/engine/transform-types.ts';
import { TextEdits } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { walk } from '../src/engine/walk.ts';
import { envTemplateFile } from '../src/project/env-files.ts';
import type { Node } from '@babel/types';

export const meta: TransformMeta = {
  id: 'extract-hardcoded-secret',
  title: 'Read hard-coded secrets from the environment',
  description: 'Replaces each secret literal with `process.env.NAME` (named after the provider, or after the variable that held it) and lists NAME in `.env.example`. The value is never copied or printed: the summary says to put it in `.env.local` and on the host, and to rotate it. Tests and fixtures are left alone.',
  safe: false,
};

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
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const relevant = findings.filter((f) => f.ruleId === 'hardcoded-secret' && f.severity !== 'low');
  if (relevant.length === 0) return;
  const names = new Map<string, string>();
  const used = new Set<string>();
  const added: string[] = [];
  for (const file of [...new Set(relevant.map((f) => f.file))].sort()) {
    const source = changeset.read(file);
    if (source === null) continue;
    const here = new Set(relevant.filter((f) => f.file === file).map((f) => `${f.line}:${f.column}`));
    const edits = new TextEdits(source);
    const typescript = /\.[cm]?tsx?$/.test(file);
    const visit = (node: Node) => {
      const at = `${node.loc!.start.line}:${node.loc!.start.column + 1}`;
      if (!here.has(at)) return;
      const finding = relevant.find((f) => f.file === file && `${f.line}:${f.column}` === at)!;
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
      }
      edits.replace(node.start!, node.end!, `process.env.${name}${typescript ? '!' : ''}`);
    };
    walk(parseSource(file, source), new Map([['StringLiteral', [visit]], ['TemplateLiteral', [visit]]]));
    if (edits.changed) changeset.write(file, edits.apply());
  }
  if (added.length === 0) return;
  const template = envTemplateFile(project.envFiles);
  const current = changeset.read(template) ?? '';
  const missing = added.filter((name) => !new RegExp(`^\\s*${name}\\s*=`, 'm').test(current));
  if (missing.length > 0) {
    changeset.write(template, appendBlock(current, ['# Server only: set on the host, never in code', ...missing.map((name) => `${name}=`)]));
  }
  for (const name of added) {
    changeset.followUp({ kind: 'secret', message: `rotate ${name}: its old value is in the git history` });
    changeset.followUp({ kind: 'manual', message: `put the new ${name} in .env.local and on the host (shipshape does not copy secret values)` });
  }
}
