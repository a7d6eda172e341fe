import type { Node } from '@babel/types';
import { isSourceFile } from '../../project/load-project.ts';
import type { PackageInfo } from '../../project/types.ts';
import { parseSource } from '../../engine/parse.ts';
import { mergeVisitors, walk } from '../../engine/walk.ts';
import { isPropertyAfterDot } from '../../engine/ast.ts';

export const PAGE_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);
export function routerDir(pkg: PackageInfo, file: string, router: 'pages' | 'app'): string | null {
  for (const dir of [router, `src/${router}`]) {
    const prefix = pkg.dir ? `${pkg.dir}/${dir}/` : `${dir}/`;
    if (pkg.routers.includes(dir) && file.startsWith(prefix)) return file.slice(prefix.length);
  }
  return null;
}

export function isPageFile(pkg: PackageInfo | null, file: string): boolean {
  if (!pkg?.next || !isSourceFile(file)) return false;
  const inPages = routerDir(pkg, file, 'pages');
  return inPages !== null && !inPages.startsWith('api/') && !/^_document\.[^/]+$/.test(inPages);
}

/** The bindings of a page's imports that only its data functions use: Next.js drops them from the browser bundle. */
export function serverOnlyImportsOfPage(file: string, text: string): Set<string> {
  let ast;
  try {
    ast = parseSource(file, text);
  } catch {
    return new Set();
  }
  const bindingsBySource = new Map<string, Set<string>>();
  const usedInClient = new Set<string>();
  const dataFunctionRanges: Array<[number, number]> = [];
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type') {
      const names = new Set(statement.specifiers.map((specifier) => specifier.local.name));
      const existing = bindingsBySource.get(statement.source.value) ?? new Set();
      for (const name of names) existing.add(name);
      bindingsBySource.set(statement.source.value, existing);
      if (names.size === 0) usedInClient.add(`\0${statement.source.value}`);
    }
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      const declaration = statement.declaration;
      const names =
        declaration.type === 'FunctionDeclaration'
          ? [declaration.id?.name]
          : declaration.type === 'VariableDeclaration'
            ? declaration.declarations.map((d) => (d.id.type === 'Identifier' ? d.id.name : undefined))
            : [];
      if (names.some((name) => name && PAGE_DATA_FUNCTIONS.has(name))) dataFunctionRanges.push([declaration.start!, declaration.end!]);
    }
  }
  const inDataFunction = (node: Node) => dataFunctionRanges.some(([start, end]) => node.start! >= start && node.end! <= end);
  walk(
    ast,
    mergeVisitors([
      {
        Identifier(node, ancestors) {
          const parent = ancestors.at(-1);
          if (
            parent?.type === 'ImportSpecifier' ||
            parent?.type === 'ImportDefaultSpecifier' ||
            parent?.type === 'ImportNamespaceSpecifier'
          )
            return;
          if (isPropertyAfterDot(node, parent)) return;
          if (
            (parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') &&
            parent.key === node &&
            !parent.computed &&
            !(parent.type === 'ObjectProperty' && parent.shorthand)
          )
            return;
          if (!inDataFunction(node)) usedInClient.add((node as { name: string }).name);
        },
        JSXIdentifier(node, ancestors) {
          const parent = ancestors.at(-1);
          if (parent?.type === 'JSXAttribute') return;
          if (!inDataFunction(node)) usedInClient.add((node as { name: string }).name);
        },
      },
    ]),
  );
  const serverOnly = new Set<string>();
  for (const [source, names] of bindingsBySource) {
    if (names.size > 0 && ![...names].some((name) => usedInClient.has(name))) serverOnly.add(source);
  }
  return serverOnly;
}
/** Whether a node sits inside a Pages Router data function, which runs only on the server. */
export function inPageDataFunction(ancestors: readonly Node[]): boolean {
  return ancestors.some((node) => {
    if (node.type === 'FunctionDeclaration') return PAGE_DATA_FUNCTIONS.has(node.id?.name ?? '');
    if (node.type === 'VariableDeclarator') return node.id.type === 'Identifier' && PAGE_DATA_FUNCTIONS.has(node.id.name);
    return false;
  });
}
