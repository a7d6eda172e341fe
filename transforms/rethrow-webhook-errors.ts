import type { CatchClause, Node } from '@babel/types';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { TextEdits } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { requestHandlers } from '../src/analysis/request-handlers.ts';
import { responseStatus, swallowedErrors, webhookOf } from '../src/analysis/webhooks/index.ts';
export { meta } from './meta/rethrow-webhook-errors.ts';

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const relevant = findings.filter((f) => f.ruleId === 'webhook-error-swallowed');
  for (const file of [...new Set(relevant.map((f) => f.file))].sort()) {
    const source = changeset.read(file);
    if (source === null) continue;
    const lines = new Set(relevant.filter((f) => f.file === file).map((f) => f.line));
    const ast = parseSource(file, source);
    const edits = new TextEdits(source, file);
    const seen = new Set<Node>();
    for (const handler of requestHandlers(file, ast, project)) {
      const webhook = webhookOf(handler, ast.program);
      if (!webhook) continue;
      for (const swallowed of swallowedErrors(webhook)) {
        if (seen.has(swallowed.clause) || !lines.has(swallowed.clause.loc!.start.line)) continue;
        seen.add(swallowed.clause);
        rethrow(swallowed.clause, swallowed.kind, edits);
      }
    }
    if (edits.changed) changeset.write(file, edits.apply());
  }
}

function indentUnit(source: string): string {
  if (/^\t/m.test(source)) return '\t';
  const widths = [...source.matchAll(/^( +)[^\s*]/gm)].map((match) => match[1]!.length);
  return ' '.repeat(widths.length > 0 ? Math.min(...widths) : 2);
}

/** Rethrows what the catch caught: Next.js then answers 500, for the App Router and the Pages Router alike. */
function rethrow(clause: CatchClause, kind: 'empty' | 'ok' | 'fallsThrough', edits: TextEdits): void {
  const param = clause.param;
  if (param && param.type !== 'Identifier') {
    edits.todoAbove(clause.start!, 'rethrow the error so the provider retries the event');
    return;
  }
  const name = param?.name ?? 'error';
  if (!param) edits.insert(clause.start! + 'catch'.length, ` (${name})`);
  const indent = edits.indentAt(clause.start!);
  const inner = indent + indentUnit(edits.source);
  const body = clause.body;
  if (kind === 'empty') {
    edits.replace(body.start!, body.end!, `{\n${inner}throw ${name};\n${indent}}`);
    return;
  }
  if (kind === 'ok') {
    for (const statement of body.body) {
      const answer =
        statement.type === 'ReturnStatement' ? statement.argument : statement.type === 'ExpressionStatement' ? statement.expression : null;
      const status = answer ? responseStatus(answer) : null;
      if (status !== null && status >= 200 && status < 300) edits.replace(statement.start!, statement.end!, `throw ${name};`);
    }
    return;
  }
  const last = body.body.at(-1)!;
  edits.insert(last.end!, `\n${edits.indentAt(last.start!)}throw ${name};`);
}
