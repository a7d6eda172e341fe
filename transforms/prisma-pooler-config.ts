import { appendBlock } from '../src/engine/changeset.ts';
import type { ASTPath, CallExpression } from 'jscodeshift';
import type { Node } from '@babel/types';
import { driverNames } from '../src/analysis/db-drivers.ts';
import { isPostgresUrl, providerOf } from '../src/analysis/db-urls.ts';
import { lineEndingOf, printSource } from '../src/engine/print-style.ts';
import { lineEndingFor } from '../src/engine/project-style.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import type { Finding } from '../src/types.ts';
import { sourceTree } from '../src/engine/codemod.ts';
export { meta } from './meta/prisma-pooler-config.ts';

const POOLED: Record<string, string> = {
  supabase:
    'postgresql://postgres.<project-ref>:<password>@aws-0-<region>.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1',
  neon: 'postgresql://<user>:<password>@<endpoint>-pooler.<region>.aws.neon.tech/<db>?sslmode=require&pgbouncer=true',
  other: 'postgresql://<user>:<password>@<pooler-host>:6543/<db>?pgbouncer=true&connection_limit=1',
};
const DIRECT: Record<string, string> = {
  supabase: 'postgresql://postgres:<password>@db.<project-ref>.supabase.co:5432/postgres',
  neon: 'postgresql://<user>:<password>@<endpoint>.<region>.aws.neon.tech/<db>?sslmode=require',
  other: 'postgresql://<user>:<password>@<database-host>:5432/<db>',
};

function kindOf(finding: Finding): string {
  return String(finding.data?.kind ?? '');
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === 'serverless-db-url-without-pooler');
  if (relevant.length === 0) return;
  const urls = project.envFiles.flatMap((env) => env.variables.flatMap((v) => (v.url && isPostgresUrl(v.url) ? [v.url] : [])));
  const provider = urls.map(providerOf).find((p) => p !== 'other') ?? 'other';
  const pooledVariable = String(relevant.find((f) => f.data?.variable)?.data?.variable ?? 'DATABASE_URL');

  for (const finding of relevant.filter((f) => kindOf(f) === 'direct-url')) {
    const text = changeset.read(finding.file);
    if (text === null || /^\s*directUrl\s*=/m.test(text)) continue;
    const lines = text.split('\n');
    const urlLine = lines[finding.line - 1] ?? '';
    const indent = /^\s*/.exec(urlLine)![0];
    const width = /^\s*url(\s*)=/.exec(urlLine)?.[1]?.length ?? 1;
    const cr = lineEndingOf(text) === '\r\n' ? '\r' : '';
    lines.splice(finding.line, 0, `${indent}directUrl${' '.repeat(Math.max(1, width - 6))}= env("DIRECT_URL")${cr}`);
    changeset.write(finding.file, lines.join('\n'));
  }

  const prepareFiles = [...new Set(relevant.filter((f) => kindOf(f) === 'prepare').map((f) => f.file))];
  if (prepareFiles.length > 0) {
    const { default: jscodeshift } = await import('jscodeshift');
    const j = jscodeshift.withParser('tsx');
    for (const file of prepareFiles) {
      const source = changeset.read(file);
      if (source === null) continue;
      const tree = sourceTree(j, source);
      // Found again rather than by line: an earlier fix in the same run may have moved the lines.
      const names = driverNames(tree.find(j.Program).get().node as Node);
      tree.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
        const callee = path.node.callee;
        if (callee.type !== 'Identifier' || !names.postgres.has(callee.name)) return;
        const options = path.node.arguments[1];
        if (options && options.type !== 'ObjectExpression') return;
        if (
          options?.properties.some(
            (p) =>
              p.type === 'SpreadElement' ||
              ((p.type === 'ObjectProperty' || p.type === 'Property') && (p.key as { name?: string }).name === 'prepare'),
          )
        )
          return;
        const prepare = j.objectProperty(j.identifier('prepare'), j.booleanLiteral(false));
        if (options) options.properties.push(prepare);
        else path.node.arguments.push(j.objectExpression([prepare]));
      });
      changeset.write(file, printSource(tree, source, file));
    }
  }

  const needsDirect = relevant.some((f) => kindOf(f) === 'direct-url' || kindOf(f) === 'direct-host');
  const exampleFile = project.envFiles.find((env) => /(^|\/)\.env\.example$/.test(env.path))?.path ?? '.env.example';
  const existingExample = changeset.read(exampleFile);
  const example = existingExample ?? '';
  const has = (name: string) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(example);
  const additions: string[] = [];
  if (!has(pooledVariable)) additions.push('# The app connects through the transaction pooler', `${pooledVariable}="${POOLED[provider]}"`);
  if (needsDirect && !has('DIRECT_URL')) additions.push('# Migrations connect directly', `DIRECT_URL="${DIRECT[provider]}"`);
  if (additions.length > 0) {
    changeset.write(exampleFile, appendBlock(example, additions, await lineEndingFor(project, exampleFile, existingExample)));
  }

  for (const finding of relevant) {
    const variable = String(finding.data?.variable ?? pooledVariable);
    if (kindOf(finding) === 'direct-host') {
      changeset.followUp({
        kind: 'manual',
        message: `in ${finding.file}, point ${variable} at the transaction pooler (${POOLED[provider]}) and keep the direct URL as DIRECT_URL`,
      });
    } else if (kindOf(finding) === 'pgbouncer-param') {
      changeset.followUp({ kind: 'manual', message: `in ${finding.file}, add ?pgbouncer=true&connection_limit=1 to ${variable}` });
    } else if (kindOf(finding) === 'direct-url') {
      changeset.followUp({
        kind: 'manual',
        message: `set DIRECT_URL (the direct connection, port 5432) wherever ${variable} is set, including the hosting provider`,
      });
    }
  }
}
