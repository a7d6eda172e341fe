import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { addImport, sourceTree } from '../../src/engine/codemod.ts';
import { relativeSpecifier } from '../../src/analysis/module-graph.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { freeName, type AstNode as Node } from '../app-router/lib/rules.ts';
import { LOADER } from '../app-router/lib/app/initial-props.ts';

/**
 * Where the App's `getInitialProps` goes, a server module beside the root layout whose name the app
 * does not use yet, and how `_app` names it (the providers' imports are rebased from `_app` when they
 * move beside it).
 */
export function appPropsPlace(
  appDir: string,
  appFile: string,
  exists: (file: string) => boolean,
): { file: string; fromApp: string; fromLayout: string } {
  const extension = /\.tsx?$/.test(appFile) ? 'ts' : 'js';
  let name = 'app-props';
  for (let n = 2; ['ts', 'tsx', 'js', 'jsx'].some((ext) => exists(`${appDir}/${name}.${ext}`)); n++) name = `app-props-${n}`;
  const file = `${appDir}/${name}.${extension}`;
  return { file, fromApp: relativeSpecifier(appFile, file, `./${name}`), fromLayout: `./${name}` };
}

/**
 * The root layout, an async server component, awaits `loadAppProps()` and passes what it returns to
 * `<Providers>`, as the Pages Router passed `getInitialProps`'s result to the App.
 */
export function layoutLoadsAppProps(api: JSCodeshift, layout: string, layoutFile: string, specifier: string): string {
  const root = sourceTree(api, layout);
  const exported = root.find(api.ExportDefaultDeclaration).paths()[0];
  let component = exported?.node.declaration as Node | undefined;
  if (component?.type === 'Identifier') {
    const name = component.name;
    component =
      root.find(api.FunctionDeclaration, { id: { name } }).paths()[0]?.node ??
      root.find(api.VariableDeclarator, { id: { name } }).paths()[0]?.node.init;
  }
  if (!component || !/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(component.type)) return layout;
  const providers = api(component as never)
    .find(api.JSXOpeningElement, { name: { type: 'JSXIdentifier', name: 'Providers' } } as never)
    .paths()[0] as ASTPath | undefined;
  if (!providers || ((providers.node as Node).attributes as Node[]).some((a) => a.type === 'JSXSpreadAttribute')) return layout;
  const loader = freeName(api, root, LOADER);
  const props = freeName(api, root, 'appProps');
  (providers.node as Node).attributes.push(api.jsxSpreadAttribute(api.identifier(props)));
  const load = api.variableDeclaration('const', [
    api.variableDeclarator(api.identifier(props), api.awaitExpression(api.callExpression(api.identifier(loader), []))),
  ]);
  if (component.body.type !== 'BlockStatement') component.body = api.blockStatement([api.returnStatement(component.body)]);
  component.body.body.unshift(load);
  component.async = true;
  addImport(api, root, specifier, LOADER, loader);
  return printSource(root, layout, layoutFile);
}
