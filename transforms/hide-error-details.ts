import { STATUS_CODES } from 'node:http';
import type { FileInfo } from 'jscodeshift';
import type { Node } from '@babel/types';
import { TextEdits } from '../src/engine/codemod.ts';
import { parseSource } from '../src/engine/parse.ts';
import { mentionsName, someNode } from '../src/analysis/error-handling.ts';
import { errorLeaks, logsError, type ErrorLeak } from '../src/analysis/error-responses.ts';
import { requestHandlers } from '../src/analysis/request-handlers.ts';
import type { Project } from '../src/project/types.ts';
import { mayAnswerAnError, meta } from './meta/hide-error-details.ts';
export { meta };

export const parser = 'tsx';

const OBJECT_TODO = 'answer a generic message instead of the error object: its fields depend on the library that threw it';

/** The routers a file's path puts it in, as Next.js decides: `app/…/route.ts`, `pages/api/…`, under an optional `src/` and package folder. */
function projectOf(file: string): Project {
  const match = /^(?:(.*?)\/)?((?:src\/)?(?:app|pages))\//.exec(file);
  const pkg = { dir: match?.[1] ?? '', next: { range: null, installed: null }, routers: match ? [match[2]!] : [] };
  return { packages: [pkg] } as unknown as Project;
}

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** What the caller gets instead: the status's own name for an error status, a plain sentence otherwise. */
function genericMessage(status: number | null): string {
  return status !== null && status >= 400 ? (STATUS_CODES[status] ?? 'Something went wrong') : 'Something went wrong';
}

function label(leak: ErrorLeak, file: string): string {
  const handler = leak.handler;
  if (handler?.kind === 'server-action') return `${handler.name} failed:`;
  if (handler?.route) return `${handler.method ? `${handler.method} ` : ''}${handler.route} failed:`;
  return `${file} failed:`;
}

/** The text that replaces the leak, or null when no generic value keeps the response's shape. */
function replacement(leak: ErrorLeak, source: string): string | null {
  const node = leak.node as Node;
  const generic = quote(genericMessage(leak.status));
  if (leak.kind === 'object' && node === leak.body) return null;
  if (source.slice(0, node.start!).trimEnd().endsWith('...')) return null;
  if (someNode(leak.body, (inner) => inner.type === 'ObjectProperty' && inner.shorthand && inner.value === node))
    return `${source.slice(node.start!, node.end!)}: ${generic}`;
  if (
    node.type === 'LogicalExpression' &&
    node.operator !== '&&' &&
    node.right.type === 'StringLiteral' &&
    !mentionsName(node.right, leak.error)
  )
    return source.slice(node.right.start!, node.right.end!);
  if (node.type === 'ConditionalExpression') {
    const kept = [node.consequent, node.alternate].find((branch) => branch.type === 'StringLiteral');
    if (kept) return source.slice(kept.start!, kept.end!);
  }
  if (node.type === 'TemplateLiteral') {
    const parts = node.quasis.map((quasi, index) => {
      const expression = node.expressions[index];
      const kept = expression && !mentionsName(expression, leak.error) ? `\${${source.slice(expression.start!, expression.end!)}}` : '';
      return `${quasi.value.raw}${kept}`;
    });
    const text = parts.join('').replace(/[\s:,;–—-]+$/, '');
    if (text === '') return generic;
    return /\$\{/.test(text) ? `\`${text}\`` : quote(text.replace(/\\`/g, '`'));
  }
  const own = leak.ownErrorClass;
  if (own && leak.kind === 'message' && node.type === 'MemberExpression')
    return `${leak.error} instanceof ${own} ? ${leak.error}.message : ${generic}`;
  return generic;
}

export default function hideErrorDetails(file: FileInfo): string | undefined {
  if (!mayAnswerAnError(file.source)) return undefined;
  const ast = parseSource(file.path, file.source);
  const leaks = errorLeaks(ast.program, requestHandlers(file.path, ast, projectOf(file.path)));
  if (leaks.length === 0) return undefined;
  const edits = new TextEdits(file.source, file.path);
  const logged = new Set<Node>();
  for (const leak of leaks) {
    const text = replacement(leak, file.source);
    const statement = leak.statement;
    if (text === null) {
      edits.todoAbove(statement.start!, OBJECT_TODO);
      continue;
    }
    edits.replace(leak.node.start!, leak.node.end!, text);
    if (logged.has(statement) || logsError(leak.scope, leak.error)) continue;
    logged.add(statement);
    const log = `console.error(${quote(label(leak, file.path))}, ${leak.error});`;
    const indent = edits.indentAt(statement.start!);
    if (leak.inBlock) {
      edits.insert(edits.lineStart(statement.start!), `${indent}${log}\n`);
    } else {
      const unit = /^(\t|[ ]+)\S/m.exec(file.source)?.[1] ?? '  ';
      edits.insert(statement.start!, `{\n${indent}${unit}${log}\n${indent}${unit}`);
      edits.insert(statement.end!, `\n${indent}}`);
    }
  }
  return edits.changed ? edits.apply() : undefined;
}
