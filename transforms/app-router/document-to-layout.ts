import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { dropUnused, isTypeScript, statements, type AstNode as Node, type RuleMeta, type RuleOptions } from './lib/rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'document-to-layout',
  title: '`pages/_document` → the root `app/layout`',
  coverage: 'partial',
  description:
    'The document\'s markup becomes `RootLayout({ children })`: `<Html>` is `<html>` with its attributes, `<Head>` from `next/document` is `<head>` with its tags, `<Main />` is `{children}`, `<NextScript />` goes, and `<Script strategy="beforeInteractive">` stays where it is, which the App Router supports in the root layout. A class document\'s `getInitialProps` (CSS-in-JS collection, for example) has no equivalent and gets a TODO. The migration then adds the providers and the global CSS from `_app`.',
};

export const parser = 'tsx';

const RENAMES: Record<string, string> = { Html: 'html', Head: 'head' };

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
  program.body = program.body.filter((node) => {
    if (node === documentStatement?.node) return false;
    const id = node.id?.name ?? node.declarations?.[0]?.id?.name;
    return !(declarationName && id === declarationName);
  });
  program.body.push(...statements(j, layout));
  if (hasInitialProps) {
    addTodo(
      j,
      root.find(j.ExportDefaultDeclaration).paths()[0]!,
      "the custom Document's `getInitialProps` (often CSS-in-JS style collection) has no App Router equivalent: use your CSS library's App Router setup (a style registry client component)",
    );
  }
  dropUnused(j, root, ['DocumentContext', 'DocumentInitialProps']);
  return printSource(root, file.source, file.path);
}
