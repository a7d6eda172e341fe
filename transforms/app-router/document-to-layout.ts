import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { dropUnused, isTypeScript, statements, type AstNode as Node, type RuleMeta, type RuleOptions } from './lib/rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'document-to-layout',
  title: '`pages/_document` → the root `app/layout`',
  coverage: 'partial',
  description:
    "The document's markup becomes `RootLayout({ children })`: `<Html>` is `<html>` with its attributes, `<Head>` from `next/document` is `<head>` with its tags, `<Main />` is `{children}`, `<NextScript />` goes, and `<Script strategy=\"beforeInteractive\">` stays where it is, which the App Router supports in the root layout. A class document's `getInitialProps` (a method, or a `static getInitialProps = …` property such as `@mantine/next`'s `createGetInitialProps()`) has no equivalent: it goes with the constants and imports only it used, and the layout gets a TODO naming the library's App Router set-up (Mantine, styled-components) or a style registry in general. The migration then adds the providers and the global CSS from `_app`.",
};

export const parser = 'tsx';

const RENAMES: Record<string, string> = { Html: 'html', Head: 'head' };

/** What replaces a library's document `getInitialProps` in the App Router, by the package it came from. */
const APP_ROUTER_SETUP: Record<string, string> = {
  '@mantine/next':
    "`@mantine/next` collected Mantine's Emotion styles: follow Mantine's App Router set-up (a `'use client'` provider with `MantineProvider` and an Emotion cache flushed through `useServerInsertedHTML`, or Mantine 7's `ColorSchemeScript` in `<head>`)",
  'styled-components':
    "`styled-components`' `ServerStyleSheet` collected its styles: add its App Router style registry (a `'use client'` component using `useServerInsertedHTML`) around `children`",
};
const GENERIC_SETUP =
  "the custom Document's `getInitialProps` (often CSS-in-JS style collection) has no App Router equivalent: use your CSS library's App Router setup (a style registry client component)";

/** Identifiers a node reads, by name. */
function referencedNames(j: API['jscodeshift'], node: Node): Set<string> {
  const names = new Set<string>();
  j(node as never)
    .find(j.Identifier)
    .forEach((p: ASTPath) => names.add((p.node as Node).name));
  return names;
}

/**
 * Drops the top-level constants and imports that only the removed document used (`createGetInitialProps()`
 * from `@mantine/next`, which imports `next/document`), following what each dropped constant used in turn.
 */
function dropOrphans(j: API['jscodeshift'], root: ReturnType<typeof sourceTree>, removed: Node[]): string[] {
  const program = root.find(j.Program).get().node as { body: Node[] };
  const pending = removed.flatMap((node) => [...referencedNames(j, node)]);
  const droppedSources: string[] = [];
  const used = (name: string) =>
    root
      .find(j.Identifier, { name })
      .filter((p: ASTPath) => !(p.parent?.node.type === 'VariableDeclarator' && p.parent.node.id === p.node))
      .filter((p: ASTPath) => !['ImportSpecifier', 'ImportDefaultSpecifier', 'ImportNamespaceSpecifier'].includes(p.parent?.node.type))
      .size() > 0;
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used(name)) continue;
    const declaration = program.body.find(
      (node) => node.type === 'VariableDeclaration' && node.declarations.length === 1 && node.declarations[0].id.name === name,
    );
    if (declaration) {
      program.body = program.body.filter((node) => node !== declaration);
      pending.push(...referencedNames(j, declaration.declarations[0].init ?? declaration));
      continue;
    }
    const source = program.body.find(
      (node) => node.type === 'ImportDeclaration' && (node.specifiers ?? []).some((s: Node) => s.local?.name === name),
    )?.source.value as string | undefined;
    if (source === undefined) continue;
    dropUnused(j, root, [name]);
    droppedSources.push(source);
  }
  return droppedSources;
}

export default function transform(file: FileInfo, api: API, _options: RuleOptions): string | undefined {
  if (!file.source.includes('next/document')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const imports = root.find(j.ImportDeclaration, { source: { value: 'next/document' } });
  const locals: Record<string, string> = {};
  imports.forEach((p: ASTPath) => {
    for (const s of (p.node as Node).specifiers ?? [])
      locals[s.local.name] = s.type === 'ImportDefaultSpecifier' ? 'Document' : s.imported.name;
  });
  const byName = (original: string) => Object.keys(locals).find((local) => locals[local] === original);
  const html = root
    .find(j.JSXElement)
    .filter((p: ASTPath) => (p.node as Node).openingElement.name.name === byName('Html'))
    .paths()[0];
  if (!html) return undefined;
  let hasInitialProps = false;
  root.find(j.ClassMethod, { key: { name: 'getInitialProps' } } as never).forEach(() => (hasInitialProps = true));
  root.find(j.AssignmentExpression, { left: { property: { name: 'getInitialProps' } } } as never).forEach(() => (hasInitialProps = true));
  root.find(j.ClassProperty, { key: { name: 'getInitialProps' } } as never).forEach(() => (hasInitialProps = true));

  j(html)
    .find(j.JSXElement)
    .forEach((p: ASTPath) => {
      const element = p.node as Node;
      const original = locals[element.openingElement.name.name];
      if (original === 'Main') j(p).replaceWith(j.jsxExpressionContainer(j.identifier('children')));
      else if (original === 'NextScript') {
        const siblings = p.parent.node.children as Node[];
        const index = siblings.indexOf(element);
        siblings.splice(index, siblings[index + 1]?.type === 'JSXText' && !siblings[index + 1].value.trim() ? 2 : 1);
      } else if (original && RENAMES[original]) {
        element.openingElement.name = j.jsxIdentifier(RENAMES[original]!);
        if (element.closingElement) element.closingElement.name = j.jsxIdentifier(RENAMES[original]!);
      }
    });
  const htmlNode = html.node as Node;
  htmlNode.openingElement.name = j.jsxIdentifier('html');
  if (htmlNode.closingElement) htmlNode.closingElement.name = j.jsxIdentifier('html');
  if (htmlNode.extra) htmlNode.extra.parenthesized = false;
  const markup = j(htmlNode).toSource();
  const typescript = isTypeScript(file.path);
  const layout = `export default function RootLayout({ children }${typescript ? ': { children: React.ReactNode }' : ''}) {\n  return (\n    ${markup.replace(/\n/g, '\n    ')}\n  );\n}`;

  const program = root.find(j.Program).get().node as { body: Node[] };
  const documentStatement = root.find(j.ExportDefaultDeclaration).paths()[0];
  const declarationName =
    (documentStatement?.node as Node | undefined)?.declaration?.id?.name ??
    (documentStatement?.node as Node | undefined)?.declaration?.name;
  imports.remove();
  const isDocument = (node: Node) => {
    if (node === documentStatement?.node) return true;
    const id = node.id?.name ?? node.declarations?.[0]?.id?.name;
    return Boolean(declarationName && id === declarationName);
  };
  const removed = program.body.filter(isDocument);
  program.body = program.body.filter((node) => !isDocument(node));
  program.body.push(...statements(j, layout));
  const droppedSources = dropOrphans(j, root, removed);
  if (hasInitialProps) {
    const setup = droppedSources.map((source) => APP_ROUTER_SETUP[source]).find(Boolean);
    addTodo(
      j,
      root.find(j.ExportDefaultDeclaration).paths()[0]!,
      setup ? `the custom Document's \`getInitialProps\`: ${setup}` : GENERIC_SETUP,
    );
  }
  dropUnused(j, root, ['DocumentContext', 'DocumentInitialProps']);
  return printSource(root, file.source, file.path);
}
