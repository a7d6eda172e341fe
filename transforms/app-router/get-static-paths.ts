import type { API, ASTPath, FileInfo } from 'jscodeshift';
import {
  dropUnused,
  findDataFunction,
  isTypeScript,
  literalValue,
  objectProperty,
  ownReturns,
  reparseExpression,
  statements,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { unsupportedContext } from './lib/data-page/context.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'get-static-paths',
  title: '`getStaticPaths` → `generateStaticParams` and `dynamicParams`',
  coverage: 'partial',
  description:
    "Renames the function and makes it return flat segment objects (`[{ slug: 'a' }]`, not `{ params: … }`): a literal `paths` array is unwrapped, a `.map()` that builds `{ params }` returns the params, any other value is mapped entry by entry: `{ params }` objects give their params, string paths (`'/blog/a'`) are cut at the route's dynamic segments. The result may be the arrow's body or a `const` the function returns. A literal `fallback: false` becomes `export const dynamicParams = false`, `true`/`'blocking'` `dynamicParams = true`. A computed `fallback` and `locales` get a TODO.",
};

export const parser = 'tsx';

type Expression = Node & { type: string };

/** `{ params: X }` → X. */
function paramsOf(node: Expression): Expression | null {
  const property =
    node.type === 'ObjectExpression' && (node as unknown as { properties: unknown[] }).properties.length === 1
      ? objectProperty(node, 'params')
      : null;
  return (property?.value as Expression | undefined) ?? null;
}

function flatten(j: API['jscodeshift'], paths: Expression, fromPath: string): Expression {
  if (paths.type === 'ArrayExpression') {
    const elements = (paths as unknown as { elements: Expression[] }).elements;
    const flat = elements.map(paramsOf);
    if (flat.every((e) => e !== null))
      return reparseExpression(j, `[${flat.map((e) => j(e as never).toSource()).join(', ')}]`) as Expression;
  }
  if (paths.type === 'CallExpression') {
    const call = paths as unknown as { callee: Expression; arguments: Expression[] };
    const callback = call.arguments[0] as (Expression & { body: Expression }) | undefined;
    if (
      call.callee.type === 'MemberExpression' &&
      (call.callee as unknown as { property: { name?: string } }).property.name === 'map' &&
      callback?.type === 'ArrowFunctionExpression'
    ) {
      const params = paramsOf(callback.body);
      if (params) {
        callback.body =
          params.type === 'ObjectExpression' ? (reparseExpression(j, `(${j(params as never).toSource()})`) as Expression) : params;
        return paths;
      }
    }
  }
  const source = j(paths as never).toSource();
  const operand = /^(Identifier|MemberExpression|CallExpression|ArrayExpression)$/.test(paths.type) ? source : `(${source})`;
  return reparseExpression(j, `${operand}.map(${fromPath})`) as Expression;
}

/**
 * The callback that turns one `paths` entry into segment params: `{ params }` objects give their
 * params; a string path (`'/blog/hello'`) is cut at the route's dynamic segments.
 */
function pathToParams(route: string | undefined, typescript: boolean): string {
  const segments = (route ?? '').split('/');
  // Typed `{ params }` entries leave the string branch `never`: the casts keep both branches checkable.
  const text = typescript ? '(path as string)' : 'path';
  const fields = segments.flatMap((segment, index) => {
    const catchAll = /^\[\[?\.\.\.(.+?)\]\]?$/.exec(segment);
    const dynamic = /^\[(.+)\]$/.exec(segment);
    if (catchAll) return [`${catchAll[1]}: ${text}.split('/').slice(${index}).filter(Boolean)`];
    if (dynamic) return [`${dynamic[1]}: ${text}.split('/')[${index}]`];
    return [];
  });
  if (fields.length === 0) return '({ params }) => params';
  const params = typescript ? '(path as { params: Record<string, string | string[]> }).params' : 'path.params';
  return `(path) => (typeof path === 'string' ? { ${fields.join(', ')} } : ${params})`;
}

/** The object literal a `const` of the function holds, when it is never reassigned. */
function heldObject(j: API['jscodeshift'], fn: Node, name: string): Expression | null {
  const declarators = j(fn as never).find(j.VariableDeclarator, { id: { type: 'Identifier', name } });
  if (declarators.length !== 1) return null;
  const declaration = declarators.paths()[0]!.parent.node as { kind: string };
  const init = declarators.paths()[0]!.node.init as Expression | null;
  return declaration.kind === 'const' && init?.type === 'ObjectExpression' ? init : null;
}

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!file.source.includes('getStaticPaths')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const data = findDataFunction(j, root, 'getStaticPaths');
  if (!data) return undefined;
  const fallbacks = new Set<unknown>();
  // `async () => ({ paths, fallback })` returns its body.
  if (data.fn.body.type !== 'BlockStatement') data.fn.body = j.blockStatement([j.returnStatement(data.fn.body)]);
  for (const ret of ownReturns(j, data.fn as never)) {
    let argument = ret.node.argument as Expression | null;
    // `const result = { paths, fallback }; return result;`
    const held = argument?.type === 'Identifier' ? heldObject(j, data.fn, (argument as unknown as { name: string }).name) : null;
    if (held) argument = held;
    const pathsProperty = argument && objectProperty(argument, 'paths');
    if (!argument || !pathsProperty) {
      addTodo(j, ret as ASTPath, "return the segment objects themselves (`[{ slug: 'a' }]`), without `paths` and `fallback`");
      continue;
    }
    const fallback = objectProperty(argument, 'fallback');
    fallbacks.add(fallback ? literalValue(fallback.value) : false);
    const pathsValue = held
      ? j.memberExpression(ret.node.argument as never, j.identifier('paths'))
      : pathsProperty.shorthand
        ? j.identifier('paths')
        : pathsProperty.value;
    ret.node.argument = flatten(j, pathsValue as Expression, pathToParams(options.route, isTypeScript(file.path))) as never;
  }
  root.find(j.Identifier, { name: 'getStaticPaths' }).forEach((p: ASTPath) => {
    (p.node as { name: string }).name = 'generateStaticParams';
  });
  for (const name of unsupportedContext(j, data.fn, []))
    addTodo(j, data.statement, `\`${name}\` from the getStaticPaths context has no App Router equivalent: there is no built-in i18n`);
  const [fallback, ...others] = [...fallbacks];
  const program = root.find(j.Program).get().node as { body: Node[] };
  const index = program.body.indexOf(data.statement.node);
  if (others.length === 0 && (fallback === false || fallback === true || fallback === 'blocking')) {
    program.body.splice(index + 1, 0, ...statements(j, `export const dynamicParams = ${fallback === false ? 'false' : 'true'};`));
    if (fallback === true)
      addTodo(
        j,
        data.statement,
        '`fallback: true` rendered a fallback page first: the App Router renders on demand instead; put a loading state in `loading.tsx`',
      );
  } else if (fallbacks.size > 0) {
    addTodo(
      j,
      data.statement,
      '`fallback` is computed: set `export const dynamicParams = false` to serve only these params, `true` to render others on demand',
    );
  }
  dropUnused(j, root, ['GetStaticPaths', 'GetStaticPathsResult', 'GetStaticPathsContext']);
  return printSource(root, file.source, file.path);
}
