import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { dropUnused, freeName, memberKey, type AstNode as Node } from '../rules.ts';

/** `function App(props) { const { Component, pageProps } = props; … }` and `props.Component` reads become `function App({ Component, pageProps })`. */
export function destructureProps(j: JSCodeshift, fn: Node, stop: (what: string) => never): void {
  const name: string = fn.params[0].name;
  if (fn.body.type !== 'BlockStatement') return;
  const statements = fn.body.body as Node[];
  const first = statements[0];
  let pattern: Node = j.objectPattern([]);
  if (
    first?.type === 'VariableDeclaration' &&
    first.declarations.length === 1 &&
    first.declarations[0].id.type === 'ObjectPattern' &&
    first.declarations[0].init?.type === 'Identifier' &&
    first.declarations[0].init.name === name
  ) {
    pattern = first.declarations[0].id;
    statements.shift();
  }
  const body = j(fn.body as never);
  body.find(j.MemberExpression, { object: { type: 'Identifier', name }, computed: false } as never).forEach((p: ASTPath) => {
    const key = (p.node as Node).property.name as string;
    if (!(pattern.properties as Node[]).some((property) => property.key?.name === key)) {
      const property = j.objectProperty(j.identifier(key), j.identifier(key));
      property.shorthand = true;
      (pattern.properties as Node[]).push(property);
    }
    j(p).replaceWith(j.identifier(key) as never);
  });
  if (
    body
      .find(j.Identifier, { name })
      .filter((p: ASTPath) => !(p.parent.node.type === 'MemberExpression' && p.parent.node.property === p.node)).length > 0
  )
    stop(`the App reads \`${name}\` as a whole`);
  fn.params[0] = pattern;
}

/** Code on one line, for a note: a comment ends at the first line break. */
export function oneLine(j: JSCodeshift, node: Node): string {
  return j(node as never)
    .toSource()
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * `class MyApp extends App { render() { … } }` becomes `function MyApp(props) { … }` with `this.props`
 * read from `props`, so the function rules below apply. Anything else a class can hold (state,
 * lifecycle methods, `getInitialProps`) has no place in a function written here: the migration stops.
 */
export function classAppToFunction(j: JSCodeshift, root: Collection, file: string): void {
  const appImport = root
    .find(j.ImportDeclaration, { source: { value: 'next/app' } })
    .find(j.ImportDefaultSpecifier)
    .nodes()[0];
  const appName = (appImport?.local as Identifier | undefined)?.name;
  const classes = [...root.find(j.ClassDeclaration).paths(), ...root.find(j.ClassExpression).paths()].filter((p: ASTPath) => {
    const superClass = (p.node as Node).superClass;
    return (
      (superClass?.type === 'Identifier' && superClass.name === appName) ||
      (superClass?.type === 'MemberExpression' && memberKey(superClass) === 'Component')
    );
  });
  classes.forEach((p: ASTPath) => {
    const node = p.node as Node;
    const name: string = node.id?.name ?? 'App';
    const members = node.body.body as Node[];
    const render = members.find(
      (m) =>
        m.type === 'ClassMethod' &&
        !m.static &&
        memberKey({ type: 'MemberExpression', property: m.key, computed: m.computed }) === 'render',
    );
    const others = members.filter((m) => m !== render).map((m) => `\`${m.static ? 'static ' : ''}${m.key?.name ?? m.type}\``);
    const stop = (what: string) => {
      throw new Error(
        `${file}: \`class ${name}\` ${what}: a function component cannot take that over safely; rewrite \`${name}\` as a function component (state in hooks, data in the pages), then run the migration again`,
      );
    };
    if (!render) stop('has no `render()` method');
    if (others.length > 0) stop(`has ${others.join(', ')} besides \`render()\``);
    const props = freeName(j, root, 'props');
    const body = j(render.body as never);
    body
      .find(j.MemberExpression, { object: { type: 'ThisExpression' }, property: { name: 'props' } } as never)
      .replaceWith(j.identifier(props) as never);
    if (body.find(j.ThisExpression).length > 0) stop('uses `this` for more than its props');
    const statements = render.body.body as Node[];
    const first = statements[0];
    let param: Node = j.identifier(props);
    if (
      first?.type === 'VariableDeclaration' &&
      first.declarations.length === 1 &&
      first.declarations[0].id.type === 'ObjectPattern' &&
      first.declarations[0].init?.type === 'Identifier' &&
      first.declarations[0].init.name === props
    ) {
      param = first.declarations[0].id;
      statements.shift();
    }
    const fn = j.functionDeclaration(j.identifier(name), [param as never], render.body);
    const holder = p.parent.node as Node;
    if (node.type === 'ClassDeclaration' || holder.type === 'ExportDefaultDeclaration') j(p).replaceWith(fn as never);
    else j(p).replaceWith(j.functionExpression(j.identifier(name), [param as never], render.body) as never);
    (fn as Node).comments = node.comments;
  });
  if (classes.length > 0 && appName) dropUnused(j, root, [appName]);
}

/**
 * The default a layout step falls back to, as what replaces it: `(page) => <Main>{page}</Main>` gives
 * that JSX around `{children}`; `Component.Layout ?? SiteLayout` gives the component's name.
 */
export function knownDefaultLayout(j: JSCodeshift, key: string | null, fallback: Node): Node | null {
  if (key !== 'getLayout') return fallback.type === 'Identifier' ? fallback : null;
  if (fallback.type !== 'ArrowFunctionExpression' || fallback.params.length !== 1 || fallback.params[0].type !== 'Identifier') return null;
  const body = fallback.body.type === 'BlockStatement' ? null : fallback.body;
  if (body?.type !== 'JSXElement' && body?.type !== 'JSXFragment') return null;
  const page: string = fallback.params[0].name;
  const jsx = j(body as never);
  const slots = jsx.find(j.JSXExpressionContainer, { expression: { type: 'Identifier', name: page } });
  if (slots.length !== 1 || jsx.find(j.Identifier, { name: page }).length !== 1) return null;
  slots.replaceWith(j.jsxExpressionContainer(j.identifier('children')) as never);
  return body;
}
