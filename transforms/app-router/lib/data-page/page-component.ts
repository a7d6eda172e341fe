import type { ASTPath, Collection, Identifier, JSCodeshift } from 'jscodeshift';
import { dropUnused, objectProperty, literalValue, ownReturns, references, statements, type AstNode, type DataFunction } from '../rules.ts';

export interface PageComponent {
  name: string;
  /** The component function: a declaration, or the arrow or function expression a `const` holds. */
  fn: AstNode & { params: AstNode[]; body: AstNode; async?: boolean; generator?: boolean };
  /** The `const` declarator holding an expression component. */
  declarator: AstNode | null;
  /** Whether anything but its declaration and the default export names it (`Page.getLayout = …`, a HOC). */
  referencedElsewhere: boolean;
}

/** The function component the module's default export is, when it is one declared in the module. */
export function pageComponent(j: JSCodeshift, root: Collection): PageComponent | null {
  const found = root.find(j.ExportDefaultDeclaration);
  if (found.length !== 1) return null;
  const declaration = found.paths()[0]!.node.declaration as AstNode;
  const program = root.find(j.Program).get().node as { body: AstNode[] };
  let fn: AstNode | null = null;
  let declarator: AstNode | null = null;
  let name = 'Page';
  if (declaration.type === 'FunctionDeclaration') {
    fn = declaration;
    name = declaration.id?.name ?? 'Page';
  } else if (declaration.type === 'Identifier') {
    name = declaration.name;
    for (const statement of program.body) {
      if (statement.type === 'FunctionDeclaration' && statement.id?.name === name) fn = statement;
      if (
        statement.type === 'VariableDeclaration' &&
        statement.declarations.length === 1 &&
        statement.declarations[0].id.type === 'Identifier' &&
        statement.declarations[0].id.name === name
      ) {
        const init = statement.declarations[0].init;
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
          fn = init;
          declarator = statement.declarations[0];
        }
      }
    }
  }
  if (!fn) return null;
  const own = new Set<unknown>([fn.id, declarator?.id, declaration]);
  const referencedElsewhere = references(j, root, name).filter((p: ASTPath<Identifier>) => !own.has(p.node)).length > 0;
  return { name, fn, declarator, referencedElsewhere };
}

/** Whether every result of the data function is `{ props }`, `{ notFound: true }` or `{ redirect }`, so it can return the props themselves. */
export function returnsConvertible(j: JSCodeshift, fn: DataFunction['fn']): boolean {
  const results = fn.body.type === 'BlockStatement' ? ownReturns(j, fn).map((ret) => ret.node.argument) : [fn.body];
  if (results.length === 0) return false;
  return results.every((result) => {
    if (result?.type !== 'ObjectExpression') return false;
    const keys = (result.properties as AstNode[]).map((property) =>
      property.type === 'ObjectProperty' ? (property.key.name ?? property.key.value) : null,
    );
    if (keys.length !== 1) return false;
    if (keys[0] === 'props') return true;
    if (keys[0] === 'notFound') return literalValue(objectProperty(result, 'notFound')!.value) === true;
    if (keys[0] === 'redirect') return objectProperty(objectProperty(result, 'redirect')!.value, 'destination') !== null;
    return false;
  });
}

/** `return { props: P }` → `return P`; `return { notFound: true }` → `notFound()`; `return { redirect }` → `redirect(destination)`. */
export function returnPropsDirectly(
  j: JSCodeshift,
  fn: DataFunction['fn'],
  redirectCall: string,
): { notFound: boolean; redirect: boolean } {
  const used = { notFound: false, redirect: false };
  const convert = (result: AstNode): { expression: AstNode; returns: boolean } => {
    const props = objectProperty(result, 'props');
    if (props) return { expression: props.value, returns: true };
    if (objectProperty(result, 'notFound')) {
      used.notFound = true;
      return { expression: j.callExpression(j.identifier('notFound'), []), returns: false };
    }
    used.redirect = true;
    const destination = objectProperty(objectProperty(result, 'redirect')!.value, 'destination')!.value;
    return { expression: j.callExpression(j.identifier(redirectCall), [destination]), returns: false };
  };
  if (fn.body.type !== 'BlockStatement') {
    const { expression, returns } = convert(fn.body);
    fn.body = returns
      ? expression.type === 'ObjectExpression'
        ? j.blockStatement([j.returnStatement(expression)])
        : expression
      : j.blockStatement([j.expressionStatement(expression)]);
    return used;
  }
  for (const ret of ownReturns(j, fn)) {
    const { expression, returns } = convert(ret.node.argument);
    // `if (!post) return notFound();` keeps its one line; recast would break a bare statement onto the next.
    if (returns || !Array.isArray((ret as ASTPath).parentPath?.value)) {
      ret.node.argument = expression;
      continue;
    }
    const node = ret.node as AstNode;
    node.type = 'ExpressionStatement';
    node.expression = expression;
    delete node.argument;
  }
  return used;
}

/** `InferGetStaticPropsType<typeof getX>` described the Pages Router result: the props are now what the function resolves to. */
export function retypeInferredProps(j: JSCodeshift, root: Collection, dataName: string): void {
  root
    .find(j.TSTypeReference)
    .filter((p: ASTPath) => /^InferGet(StaticProps|ServerSideProps)Type$/.test((p.node as AstNode).typeName?.name ?? ''))
    .forEach((p: ASTPath) => {
      const [argument] = ((p.node as AstNode).typeParameters?.params ?? []) as AstNode[];
      const target = argument?.type === 'TSTypeQuery' && argument.exprName?.type === 'Identifier' ? argument.exprName.name : dataName;
      j(p).replaceWith((statements(j, `type T = Awaited<ReturnType<typeof ${target}>>;`)[0] as AstNode).typeAnnotation);
    });
  dropUnused(j, root, ['InferGetStaticPropsType', 'InferGetServerSidePropsType']);
}

/**
 * The page component becomes the async server page: it takes the route's `params`/`searchParams`,
 * awaits the data function, and destructures the props where its parameter did.
 */
export function awaitDataInComponent(
  j: JSCodeshift,
  page: PageComponent,
  dataName: string,
  args: string,
  signature: string,
  looselyTyped: boolean,
): void {
  const { fn, declarator } = page;
  const [propsParam] = fn.params as Array<AstNode | undefined>;
  // `NextPage<Props>` (or `FC<Props>`) typed a synchronous component: its props type moves to the destructuring.
  const componentType = declarator?.id.typeAnnotation?.typeAnnotation as AstNode | undefined;
  const propsTypeFromComponent =
    componentType?.type === 'TSTypeReference' ? ((componentType.typeParameters?.params ?? [])[0] as AstNode | undefined) : undefined;
  if (declarator) declarator.id.typeAnnotation = null;
  const call = `await ${dataName}(${args})`;
  let declaration = `${call};`;
  if (propsParam) {
    const target = propsParam.type === 'AssignmentPattern' ? propsParam.left : propsParam;
    const print = (node: AstNode) =>
      j(node as never)
        .toSource()
        .replace(/\s*\n\s*/g, ' ');
    const pattern = print({ ...target, typeAnnotation: null });
    const declared = target.typeAnnotation?.typeAnnotation as AstNode | undefined;
    const inferred = declared && print(declared) === `Awaited<ReturnType<typeof ${dataName}>>`;
    const type = looselyTyped || inferred ? null : (declared ?? propsTypeFromComponent);
    declaration = `const ${pattern}${type ? `: ${print(type)}` : ''} = ${call};`;
  }
  const holder = statements(j, `async function f(${signature}) {\n  ${declaration}\n}`)[0] as AstNode;
  const statementsToAdd: AstNode[] = holder.body.body;
  fn.params = holder.params;
  fn.async = true;
  if (fn.body.type !== 'BlockStatement') fn.body = j.blockStatement([j.returnStatement(fn.body)]);
  fn.body.body.unshift(...statementsToAdd);
}
