import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { freeName, literalValue, objectProperty, references, statements, type AstNode as Node } from '../rules.ts';
import { addTodo } from '../../../../src/engine/codemod.ts';
import { printSource } from '../../../../src/engine/print-style.ts';

const EDGE_RUNTIMES = ['edge', 'experimental-edge'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `export const config = { runtime: 'edge' }`: the statement and its object, when the API route runs on the Edge runtime. */
function edgeConfig(j: JSCodeshift, root: Collection): { statement: ASTPath; config: Node } | null {
  for (const p of root.find(j.ExportNamedDeclaration).paths()) {
    const declaration = (p.node as Node).declaration;
    if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) continue;
    const [declarator] = declaration.declarations as Node[];
    if (declarator.id.type !== 'Identifier' || declarator.id.name !== 'config' || declarator.init?.type !== 'ObjectExpression') continue;
    const runtime = literalValue(objectProperty(declarator.init, 'runtime')?.value);
    if (typeof runtime === 'string' && EDGE_RUNTIMES.includes(runtime)) return { statement: p, config: declarator.init };
  }
  return null;
}

/**
 * An Edge API route already takes a Web `Request` and returns a `Response`, as a route handler does:
 * its handler stays as written and is exported as each method, and its config becomes route segment
 * config (`runtime`, `regions` as `preferredRegion`). Returns null when the module is not an Edge API route.
 */
export function convertEdgeRoute(
  j: JSCodeshift,
  root: Collection,
  source: string,
  file: string,
  exported: { statement: ASTPath; value: Node },
): string | null {
  const found = edgeConfig(j, root);
  if (!found) return null;
  const block = (reason: string) => {
    addTodo(j, exported.statement, `${reason}; the route stays in pages/api until then`);
    return printSource(root, source, file);
  };
  const program = root.find(j.Program).get().node as { body: Node[] };
  const value = exported.value;
  let name: string;
  let fn: Node | null;
  if (value.type === 'Identifier') {
    name = value.name;
    const declaration =
      root.find(j.FunctionDeclaration, { id: { name } }).nodes()[0] ?? root.find(j.VariableDeclarator, { id: { name } }).nodes()[0]?.init;
    fn = declaration ?? null;
    j(exported.statement).remove();
  } else if (value.type === 'FunctionDeclaration' || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') {
    fn = value;
    name = value.id?.name ?? freeName(j, root, 'handler');
    const declaration =
      value.type === 'FunctionDeclaration'
        ? Object.assign(value, { id: j.identifier(name) })
        : j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), value as never)]);
    (declaration as Node).comments = (exported.statement.node as Node).comments;
    j(exported.statement).replaceWith(declaration as never);
  } else {
    return block('this Edge API route exports something other than its handler: export it as `GET`, `POST`… by hand');
  }
  if (!fn || !/Function/.test(fn.type))
    return block('the Edge handler is not a function this rule can read: export it as `GET`, `POST`… by hand');
  // A route handler's second argument is `{ params }`, not the Edge API route's `NextFetchEvent`.
  const second = fn.params[1] as Node | undefined;
  if (second) {
    if (second.type !== 'Identifier' || references(j, j(fn.body as never), second.name).length > 0)
      return block('the Edge handler reads its second argument, which a route handler gets as `{ params }`: rewrite that by hand');
    fn.params = fn.params.slice(0, 1);
  }

  const segmentConfig: string[] = [`export const runtime = 'edge';`];
  const other: string[] = [];
  for (const property of found.config.properties as Node[]) {
    const key = property.type === 'ObjectProperty' ? (property.key.name ?? property.key.value) : null;
    if (key === 'runtime') continue;
    if (key === 'regions') segmentConfig.push(`export const preferredRegion = ${j(property.value as never).toSource()};`);
    else other.push(key ?? j(property as never).toSource());
  }
  const index = program.body.indexOf(found.statement.node);
  const replacement = statements(j, segmentConfig.join('\n'));
  (replacement[0] as Node).comments = (found.statement.node as Node).comments;
  program.body.splice(index, 1, ...replacement);
  if (other.length > 0)
    addTodo(
      j,
      root.find(j.ExportNamedDeclaration).paths()[0]!,
      `the Edge API route's config also set ${other.map((key) => `\`${key}\``).join(', ')}, which route segment config names differently: see https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config`,
    );
  program.body.push(
    j.exportNamedDeclaration(
      null,
      METHODS.map((method) => j.exportSpecifier.from({ local: j.identifier(name), exported: j.identifier(method) })),
    ) as never,
  );
  return printSource(root, source, file);
}
