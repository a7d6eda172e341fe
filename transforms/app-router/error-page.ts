import type { API, ASTPath, FileInfo } from 'jscodeshift';
import {
  detachDefaultExport,
  hasDirective,
  statements,
  withUseClient,
  type AstNode as Node,
  type RuleMeta,
  type RuleOptions,
} from './lib/rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'error-page',
  title: '`404`, `500` and `_error` → `not-found`, `error` and `global-error`',
  coverage: 'partial',
  description:
    "`pages/404` moves to `app/not-found` unchanged apart from the other rules. `pages/500` (or `_error` when there is no 500) moves to `app/error`, which must be a client component: it gets `'use client'`, loses `getInitialProps` (with a TODO when that did more than read the status code), and, when its component takes props, a default export that renders it with `statusCode={500}`. The migration adds `app/global-error` rendering it inside `<html>` and `<body>`.",
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (options.kind !== 'error') return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  if (hasDirective(j, root, 'use client')) return undefined;
  root.find(j.AssignmentExpression, { left: { property: { name: 'getInitialProps' } } } as never).forEach((p: ASTPath) => {
    const statement = j(p).closest(j.Statement);
    const code = j(p.node).toSource();
    if (!/^[\s\S]*statusCode[\s\S]*$/.test(code) || /fetch|await/.test(code))
      addTodo(
        j,
        statement.paths()[0]! as ASTPath,
        '`getInitialProps` on the error page did more than read the status code: move that work into the component',
      );
    else statement.remove();
  });
  const exported = root.find(j.ExportDefaultDeclaration).paths()[0];
  const declaration = exported?.node.declaration as Node | undefined;
  const takesProps =
    declaration?.type === 'FunctionDeclaration'
      ? declaration.params.length > 0
      : declaration?.type === 'Identifier'
        ? root.find(j.FunctionDeclaration, { id: { name: declaration.name } }).paths()[0]?.node.params.length > 0
        : false;
  if (takesProps) {
    const detached = detachDefaultExport(j, root, 'ErrorContent');
    if (detached) {
      const program = root.find(j.Program).get().node as { body: Node[] };
      program.body.push(...statements(j, `export default function ErrorBoundary() {\n  return <${detached.name} statusCode={500} />;\n}`));
    }
  }
  return withUseClient(printSource(root, file.source, file.path));
}
