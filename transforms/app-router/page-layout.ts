import type { API, ASTPath, FileInfo, JSCodeshift } from 'jscodeshift';
import {
  detachDefaultExport,
  dropUnused,
  freeName,
  reparseExpression,
  statements,
  type AstNode as Node,
  type RuleMeta,
  type RuleOptions,
} from './lib/rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'page-layout',
  title: 'Per-page layouts (`Page.getLayout`, `Page.Layout`) → the page renders its layout',
  coverage: 'partial',
  description:
    '`Page.getLayout = (page) => <Layout>{page}</Layout>` and `Page.Layout = Layout`, which `_app` used to apply, go; the page\'s default export renders the page inside that layout instead (the "client wrapper" form of the guide; a layout shared by a whole folder can then become a nested `layout.tsx` by hand). When `_app` gave the layout element attributes (`<Layout title="…">`), the page passes them. A `getLayout` that is not a single JSX expression gets a TODO. The `_app` side is handled by `app-to-providers`.',
};

export const parser = 'tsx';

/** The JSX a `getLayout` function returns, with its parameter's name. */
function layoutExpression(fn: Node): { param: string; jsx: Node } | null {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return null;
  const [param] = fn.params;
  if (param?.type !== 'Identifier') return null;
  let body = fn.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1 || body.body[0].type !== 'ReturnStatement') return null;
    body = body.body[0].argument;
  }
  if (body?.type !== 'JSXElement' && body?.type !== 'JSXFragment') return null;
  return { param: param.name, jsx: body };
}

/** `<Layout>{page}</Layout>` with `{page}` replaced by the element's code. */
function wrapIn(j: JSCodeshift, layout: { param: string; jsx: Node }, element: string): string {
  const copy = j(j(layout.jsx as never).toSource());
  copy.find(j.JSXExpressionContainer, { expression: { type: 'Identifier', name: layout.param } }).forEach((p: ASTPath) => {
    j(p).replaceWith(reparseExpression(j, element) as never);
  });
  return copy.toSource();
}

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!/\.(getLayout|Layout)\s*=/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const assignments = root.find(j.AssignmentExpression).filter((p: ASTPath) => {
    const left = (p.node as Node).left;
    return (
      left.type === 'MemberExpression' &&
      left.object.type === 'Identifier' &&
      !left.computed &&
      (left.property.name === 'getLayout' || left.property.name === 'Layout') &&
      p.parent.node.type === 'ExpressionStatement' &&
      p.parent.parent.node.type === 'Program'
    );
  });
  if (assignments.length !== 1) return undefined;
  const assignment = assignments.paths()[0]!;
  const { left, right } = assignment.node as Node;
  const component: string = left.object.name;
  // `_app` rendered `<Component.Layout …attributes>`: the page now passes those attributes itself.
  let attributes = typeof options.layoutAttributes === 'string' && options.layoutAttributes ? ` ${options.layoutAttributes}` : '';
  // `pageProps` in those attributes are the page's props: `result.props` where a data function gives them.
  if (/\bpageProps\b/.test(attributes)) {
    attributes = /\bresult\.props\b/.test(file.source)
      ? attributes.replace(/\bpageProps\b/g, 'result.props')
      : attributes.replace(/\s+\w+=\{[^}]*\bpageProps\b[^}]*\}/g, '');
  }
  const layout =
    left.property.name === 'Layout'
      ? right.type === 'Identifier'
        ? { param: 'page', jsx: reparseExpression(j, `<${right.name}${attributes}>{page}</${right.name}>`) }
        : null
      : layoutExpression(right);
  if (!layout) {
    addTodo(
      j,
      assignment,
      'this per-page layout is not a single JSX expression: render the page inside it from the default export (or a nested `layout.tsx`) by hand',
    );
    return printSource(root, file.source, file.path);
  }
  // Where the page component is rendered: a wrapper the data rules wrote, or the default export itself.
  const wrapper = root.find(j.ExportDefaultDeclaration).paths()[0];
  const declaration = wrapper?.node.declaration as Node | undefined;
  const rendered =
    declaration && declaration.type === 'FunctionDeclaration'
      ? j(declaration as never)
          .find(j.JSXElement, { openingElement: { name: { name: component } } } as never)
          .paths()[0]
      : undefined;
  j(assignment.parent).remove();
  dropUnused(j, root, ['ReactElement', 'ReactNode']);
  if (rendered && declaration.id?.name !== component) {
    j(rendered).replaceWith(reparseExpression(j, wrapIn(j, layout, j(rendered.node).toSource())) as never);
    return printSource(root, file.source, file.path);
  }
  const detached = detachDefaultExport(j, root, component);
  if (!detached) {
    addTodo(j, root.find(j.Program).paths()[0]! as ASTPath, 'render the page inside its layout from the default export by hand');
    return printSource(root, file.source, file.path);
  }
  const name = freeName(j, root, detached.name === 'Page' ? 'PageWithLayout' : 'Page');
  const program = root.find(j.Program).get().node as { body: Node[] };
  program.body.push(
    ...statements(
      j,
      `export default function ${name}() {\n  return ${wrapIn(j, layout, `<${detached.name} />`).replace(/\n/g, '\n  ')};\n}`,
    ),
  );
  return printSource(root, file.source, file.path);
}
