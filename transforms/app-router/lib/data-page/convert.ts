import type { Collection, Identifier, JSCodeshift } from 'jscodeshift';
import {
  dropUnused,
  freeName,
  isBound,
  isTypeScript,
  objectProperty,
  literalValue,
  ownReturns,
  findDataFunction,
  unexport,
  rename,
  references,
  statements,
  reparseExpression,
  typedParam,
  paramsTypeOf,
  SEARCH_PARAMS_TYPE,
  detachDefaultExport,
  type AstNode,
  type RuleOptions,
} from '../rules.ts';
import { addImport, addTodo } from '../../../../src/engine/codemod.ts';
import { routeParams } from '../../../../src/analysis/next-routes.ts';
import { CONTEXT_HELP, NEXT_DATA_TYPES, rewriteRequestReads, rewriteResponseWrites, unsupportedContext, type DataKind } from './context.ts';
import { awaitDataInComponent, pageComponent, returnPropsDirectly, returnsConvertible, retypeInferredProps } from './page-component.ts';

/**
 * A Pages Router page with a data function becomes an async server page: the function stays, renamed,
 * and a new default export awaits `params`/`searchParams`, calls it, turns `notFound`/`redirect`
 * results into `notFound()`/`redirect()`, and renders the page component with the props.
 */
export function convertDataPage(
  j: JSCodeshift,
  root: Collection,
  file: string,
  options: RuleOptions,
  kind: DataKind,
  needsClient: (component: AstNode) => boolean = () => false,
): boolean {
  // `: GetStaticProps` without a type argument typed the props as `any`; the page keeps that looseness.
  const looselyTyped = new RegExp(`\\b${kind}\\s*:\\s*(GetStaticProps|GetServerSideProps)\\s*=`).test(j(root.get().node).toSource());
  const data = findDataFunction(j, root, kind);
  if (!data) return false;
  const typescript = isTypeScript(file);
  const route = options.route ?? '/';
  const hasRouteParams = routeParams(route).length > 0;
  const { fn } = data;

  const caching = kind === 'getServerSideProps' ? rewriteResponseWrites(j, data) : { revalidate: null };
  if (kind === 'getServerSideProps') rewriteRequestReads(j, root, fn);
  const supported = kind === 'getServerSideProps' ? ['params', 'query'] : ['params'];
  // A destructured context that leaves out `query` does not need the search params, which would make the page dynamic.
  const contextParam = fn.params[0] as AstNode | undefined;
  const readsQuery =
    kind === 'getServerSideProps' &&
    !(
      contextParam?.type === 'ObjectPattern' &&
      !(contextParam.properties as AstNode[]).some((p) => p.type === 'RestElement' || p.key?.name === 'query')
    );
  const unsupported = unsupportedContext(j, fn, supported);

  let revalidate: number | null = caching.revalidate;
  let notFoundResult = false;
  const redirects: Array<boolean | null> = [];
  const revalidates: Array<unknown> = [];
  for (const ret of ownReturns(j, fn as never)) {
    const argument = ret.node.argument;
    if (!argument) continue;
    if (objectProperty(argument, 'notFound')) notFoundResult = true;
    const redirectProperty = objectProperty(argument, 'redirect');
    if (redirectProperty) {
      const permanent = objectProperty(redirectProperty.value, 'permanent');
      const statusCode = literalValue(objectProperty(redirectProperty.value, 'statusCode')?.value);
      redirects.push(
        permanent
          ? literalValue(permanent.value) === true
            ? true
            : literalValue(permanent.value) === false
              ? false
              : null
          : statusCode === 308 || statusCode === 301
            ? true
            : false,
      );
    }
    const revalidateProperty = objectProperty(argument, 'revalidate');
    if (revalidateProperty) revalidates.push(literalValue(revalidateProperty.value));
  }
  if (kind === 'getStaticProps' && revalidates.length > 0) {
    const values = new Set(revalidates);
    const [value] = values;
    if (values.size === 1 && (typeof value === 'number' || value === false)) {
      revalidate = typeof value === 'number' ? value : null;
      for (const ret of ownReturns(j, fn as never)) {
        const argument = ret.node.argument as (AstNode & { properties?: AstNode[] }) | null;
        const property = argument && objectProperty(argument, 'revalidate');
        if (argument && property) {
          const kept = argument.properties!.filter((p: AstNode) => p !== property).map((p: AstNode) => j(p as never).toSource());
          ret.node.argument = reparseExpression(j, `{ ${kept.join(', ')} }`);
        }
      }
    } else {
      addTodo(
        j,
        data.statement,
        '`revalidate` differs between results or is computed: set `export const revalidate = <seconds>` (a literal) or `fetch(url, { next: { revalidate } })`',
      );
    }
  }

  const page = pageComponent(j, root);
  const exported = root.find(j.ExportDefaultDeclaration).nodes()[0]?.declaration as AstNode | undefined;
  const componentName: string = page?.name ?? exported?.id?.name ?? (exported?.type === 'Identifier' ? exported.name : 'Page');
  const dataName = freeName(j, root, `load${componentName[0]!.toUpperCase()}${componentName.slice(1)}Data`);
  rename(j, root, kind, dataName);
  unexport(j, data.statement);
  for (const name of unsupported) {
    addTodo(j, data.statement, `\`${name}\` from the ${kind} context: ${CONTEXT_HELP[name] ?? 'it has no App Router equivalent'}`);
  }

  const usesContext = fn.params.length > 0;
  if (usesContext && typescript) {
    const param = fn.params[0] as AstNode & { typeAnnotation?: { typeAnnotation?: AstNode & { typeName?: Identifier } } | null };
    const annotated = param.typeAnnotation?.typeAnnotation;
    const nextType = annotated?.type === 'TSTypeReference' && annotated.typeName && NEXT_DATA_TYPES.includes(annotated.typeName.name);
    if (!annotated || nextType) {
      const contextType = readsQuery
        ? `{ params: ${paramsTypeOf(route)}; query: ${SEARCH_PARAMS_TYPE} }`
        : `{ params: ${paramsTypeOf(route)} }`;
      fn.params[0] = typedParam(j, param, contextType);
    }
  }

  const wrapperParams: string[] = [];
  const wrapperTypes: string[] = [];
  if (usesContext && hasRouteParams) {
    wrapperParams.push('params');
    wrapperTypes.push(`params: Promise<${paramsTypeOf(route)}>`);
  }
  if (usesContext && readsQuery) {
    wrapperParams.push('searchParams');
    wrapperTypes.push(`searchParams: Promise<${SEARCH_PARAMS_TYPE}>`);
  }
  const paramsValue = hasRouteParams ? 'await params' : '{}';
  const args = !usesContext
    ? ''
    : readsQuery
      ? `{ params: ${paramsValue}, query: { ...(await searchParams)${hasRouteParams ? ', ...(await params)' : ''} } }`
      : `{ params: ${paramsValue} }`;
  const signature =
    wrapperParams.length === 0 ? '' : `{ ${wrapperParams.join(', ')} }${typescript ? `: { ${wrapperTypes.join('; ')} }` : ''}`;
  const redirectCall = redirects.length > 0 && redirects.every((permanent) => permanent === true) ? 'permanentRedirect' : 'redirect';
  const program = root.find(j.Program).get().node as { body: AstNode[] };
  const index = program.body.indexOf(data.statement.node);
  if (revalidate !== null) program.body.splice(index + 1, 0, ...statements(j, `export const revalidate = ${revalidate};`));
  // getServerSideProps ran on every request; an App Router page without request data would be prerendered once.
  if (kind === 'getServerSideProps' && caching.revalidate === null)
    program.body.splice(index + 1, 0, ...statements(j, `export const dynamic = 'force-dynamic';`));
  const addNavigationImports = (used: { notFound: boolean; redirect: boolean }) => {
    if (used.notFound) addImport(j, root, 'next/navigation', 'notFound', 'notFound');
    if (used.redirect) addImport(j, root, 'next/navigation', redirectCall, redirectCall);
  };
  if (redirects.some((permanent) => permanent === null))
    addTodo(j, data.statement, '`redirect.permanent` is computed: call `permanentRedirect()` where it is true');

  const direct = returnsConvertible(j, fn);
  if (direct) {
    addNavigationImports(returnPropsDirectly(j, fn, redirectCall));
    retypeInferredProps(j, root, dataName);
    const reused = new Set(wrapperParams);
    const canBecomePage =
      page !== null &&
      !page.referencedElsewhere &&
      !needsClient(page.fn) &&
      page.fn.params.length <= 1 &&
      !page.fn.generator &&
      ![...reused].some((name) => references(j, j(page.fn as never), name).length > 0);
    if (canBecomePage) {
      awaitDataInComponent(j, page, dataName, args, signature, looselyTyped);
    } else {
      const detached = detachDefaultExport(j, root, 'PageContent');
      if (!detached) {
        addTodo(j, data.statement, 'no single default export to render: call this function from the page component and pass its props');
        dropUnused(j, root, NEXT_DATA_TYPES);
        return true;
      }
      const wrapper = ['Page', 'RoutePage'].find((name) => !isBound(j, root, name)) ?? freeName(j, root, 'RoutePage');
      const propsName = 'props';
      const spread = looselyTyped && typescript ? `(${propsName} as unknown as React.ComponentProps<typeof ${detached.name}>)` : propsName;
      const code = `export default async function ${wrapper}(${signature}) {\n  const ${propsName} = await ${dataName}(${args});\n  return <${detached.name} {...${spread}} />;\n}`;
      program.body.push(...statements(j, code));
    }
    dropUnused(j, root, NEXT_DATA_TYPES);
    return true;
  }

  const detached = detachDefaultExport(j, root, 'PageContent');
  if (!detached) {
    addTodo(j, data.statement, 'no single default export to render: call this function from the page component and pass its props');
    dropUnused(j, root, NEXT_DATA_TYPES);
    return true;
  }
  const component = detached.name;
  const wrapper = ['Page', 'RoutePage'].find((name) => !isBound(j, root, name)) ?? freeName(j, root, 'RoutePage');
  const body = [
    `const result = await ${dataName}(${args});`,
    ...(notFoundResult || redirects.length > 0
      ? [
          `if (!('props' in result) || !result.props) {`,
          ...(redirects.length > 0 ? [`  if ('redirect' in result && result.redirect) ${redirectCall}(result.redirect.destination);`] : []),
          '  notFound();',
          '}',
        ]
      : []),
    looselyTyped && typescript
      ? `return <${component} {...(result.props as unknown as React.ComponentProps<typeof ${component}>)} />;`
      : `return <${component} {...result.props} />;`,
  ].filter(Boolean);
  const code = `export default async function ${wrapper}(${signature}) {\n${body.map((line) => `  ${line}`).join('\n')}\n}`;
  program.body.push(...statements(j, code));
  addNavigationImports({ notFound: notFoundResult || redirects.length > 0, redirect: redirects.length > 0 });
  dropUnused(j, root, NEXT_DATA_TYPES);
  return true;
}
