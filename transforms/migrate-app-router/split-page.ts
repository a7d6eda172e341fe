import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { TextEdits, sourceTree } from '../../src/engine/codemod.ts';
import { freeName, withUseClient } from '../app-router/lib/rules.ts';
import * as useClient from '../app-router/use-client.ts';
import { PlanFailure } from './failure.ts';

/** Exports only a server `page` may hold: Next.js rejects them next to `'use client'`. */
export const SERVER_EXPORTS = new Set([
  'generateStaticParams',
  'generateMetadata',
  'metadata',
  'viewport',
  'generateViewport',
  'revalidate',
  'dynamic',
  'dynamicParams',
  'fetchCache',
  'runtime',
  'preferredRegion',
  'maxDuration',
  'experimental_ppr',
]);

/** The new page component's name until the page module is complete and a free name can be chosen. */
const WRAPPER = 'ShipshapeServerPage';

type Statement = { type: string; [key: string]: unknown };

/** Names a top-level statement declares (types included). */
export function declared(node: Statement): string[] {
  const inner = (
    node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' ? node.declaration : node
  ) as Statement | null;
  if (!inner) return [];
  const id = inner.id as { name?: string } | undefined;
  if (id?.name && /Declaration$/.test(inner.type)) return [id.name];
  const declarations = (inner.declarations ?? []) as Array<{ id: { type: string; name?: string } }>;
  return declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name!] : []));
}

const isFunction = (node: Statement | null | undefined) =>
  !!node && /^(FunctionDeclaration|ArrowFunctionExpression|FunctionExpression)$/.test(node.type);

/**
 * A page that needs the browser and the server is split: `page` keeps the data, metadata and static
 * params and renders the client component from a `'use client'` module beside it. Everything else the
 * page declared goes to the client module; what the server part uses is repeated in `page`.
 */
function splitPage(api: JSCodeshift, source: string, clientFile: string): { page: string; client: string } | null {
  const root = sourceTree(api, source);
  const program = root.find(api.Program).get().node as { body: Statement[] };
  const sourceOf = (n: unknown) => api(n as never).toSource();
  const defaultStatement = program.body.find((n) => n.type === 'ExportDefaultDeclaration');
  if (!defaultStatement) return null;
  const exported = defaultStatement.declaration as Statement;
  const topLevel = new Map<string, Statement>();
  for (const n of program.body) if (n.type !== 'ImportDeclaration') for (const name of declared(n)) topLevel.set(name, n);
  const clientOnly = useClient.clientOnlyImports(api, root);
  const needsClient = (n: Statement) => useClient.clientReason(api, api(n as never), clientOnly) !== null;
  const rendered = api(defaultStatement as never)
    .find(api.JSXOpeningElement)
    .nodes()
    .map((opening) => (opening.name.type === 'JSXIdentifier' ? opening.name.name : ''))
    .filter((name) => topLevel.has(name) && topLevel.get(name) !== defaultStatement);
  // A default export that needs no browser and renders a component of the module is a server wrapper (a data page, a layout).
  const wrapper = isFunction(exported) && !needsClient(defaultStatement) && rendered.length > 0;
  const component = wrapper ? (rendered.find((name) => needsClient(topLevel.get(name)!)) ?? rendered[0]!) : null;
  // The data function the async page awaits runs on the server only: it never goes to the client module.
  const wrapperText = wrapper ? sourceOf(defaultStatement) : '';
  const isAwaitedData = (n: Statement) => {
    const inner = (n.type === 'ExportNamedDeclaration' ? n.declaration : n) as Statement | null;
    const declarations = (inner?.declarations ?? []) as Array<{ init?: Statement | null }>;
    const fn =
      inner?.type === 'FunctionDeclaration'
        ? inner
        : inner?.type === 'VariableDeclaration' && declarations.length === 1
          ? declarations[0]!.init
          : null;
    return isFunction(fn) && fn!.async === true && declared(n).some((name) => new RegExp(`\\bawait ${name}\\(`).test(wrapperText));
  };
  const server: Statement[] = program.body.filter(
    (n) =>
      n.type !== 'ImportDeclaration' &&
      (declared(n).some((name) => SERVER_EXPORTS.has(name)) || (wrapper && n === defaultStatement) || (wrapper && isAwaitedData(n))),
  );
  const clientBody = program.body.filter((n) => n.type !== 'ImportDeclaration' && !server.includes(n));
  if (!wrapper && !clientBody.includes(defaultStatement)) return null;
  const imports = program.body.filter((n) => n.type === 'ImportDeclaration');

  // What the server statements refer to comes along (types, constants and data helpers are cheap to repeat).
  const helpers: Statement[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    const text = [...server, ...helpers].map(sourceOf).join('\n');
    for (const n of clientBody) {
      if (helpers.includes(n) || n === defaultStatement) continue;
      const names = declared(n).filter((name) => name !== component);
      if (names.length > 0 && names.some((name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(text))) {
        helpers.push(n);
        grew = true;
      }
    }
  }

  const clientName = `./${path.posix.basename(clientFile).replace(/\.[jt]sx?$/, '')}`;
  const suspense = /useSearchParams\(/.test(source);
  const serverRoot = api(source);
  const imported =
    component ??
    (exported.type === 'Identifier'
      ? (exported.name as string)
      : ((exported.id as { name?: string } | undefined)?.name ?? freeName(api, serverRoot, 'PageContent')));
  const element = `<${imported} />`;
  const rendering = suspense ? `<Suspense fallback={null}>${element}</Suspense>` : element;
  const wrapperCode = wrapper
    ? suspense
      ? sourceOf(defaultStatement).replace(new RegExp(`(<${imported}\\b[^>]*/>)`), '<Suspense fallback={null}>$1</Suspense>')
      : sourceOf(defaultStatement)
    : `export default function ${WRAPPER}() {\n  return ${rendering};\n}`;
  const serverImports = [
    ...imports.map(sourceOf),
    `import ${imported} from '${clientName}';`,
    ...(suspense ? ["import { Suspense } from 'react';"] : []),
  ];
  const ordered = program.body.filter((n) => (server.includes(n) || helpers.includes(n)) && n !== defaultStatement);
  const serverCode = [serverImports.join('\n'), ...ordered.map(sourceOf), wrapperCode].join('\n\n');
  // A helper only the server part uses moves rather than repeats: its imports (a Redis client, a database) stay off the client.
  const onClient = clientBody.filter((n) => !helpers.includes(n));
  for (let grown = true; grown;) {
    grown = false;
    const text = onClient.map(sourceOf).join('\n');
    for (const n of helpers) {
      if (onClient.includes(n)) continue;
      if (declared(n).some((name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(text))) {
        onClient.push(n);
        grown = true;
      }
    }
  }
  const clientStatements = clientBody
    .filter((n) => onClient.includes(n))
    .map((n) => {
      if (!component || !declared(n).includes(component)) return sourceOf(n);
      return asDefaultExport(sourceOf(n), n, component);
    });
  const clientCode = [imports.map(sourceOf).join('\n'), ...clientStatements].join('\n\n');
  const page = pruneImports(api, `${serverCode}\n`);
  // The new page component takes a name free in the page module, which holds less than the original.
  return { page: page.replace(WRAPPER, freeName(api, api(page), 'Page')), client: withUseClient(pruneImports(api, `${clientCode}\n`)) };
}

/** A declaration made the module's default export. */
function asDefaultExport(code: string, node: Statement, name: string): string {
  if (node.type === 'ExportNamedDeclaration' || node.type === 'VariableDeclaration') return `${code}\n\nexport default ${name};`;
  return `export default ${code}`;
}

/**
 * Drops bare imports of Next.js's own modules, which have no side effects (other side-effect imports,
 * such as styles, stay); with `unused`, also the import bindings the module no longer uses.
 */
export function pruneImports(api: JSCodeshift, source: string, unused = true): string {
  const root = sourceTree(api, source);
  const edits = new TextEdits(source);
  // Names the code refers to, outside imports and comments (a commented-out line does not keep an import).
  const referenced = new Set<string>();
  root.find(api.Identifier).forEach((p) => {
    const parent = p.parent?.node as { type: string; property?: unknown; key?: unknown; computed?: boolean } | undefined;
    if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier')
      return;
    if (parent && /MemberExpression$/.test(parent.type) && parent.property === p.node && !parent.computed) return;
    referenced.add(p.node.name);
  });
  root.find(api.JSXIdentifier).forEach((p) => {
    referenced.add(p.node.name);
  });
  root.find(api.ImportDeclaration).forEach((p) => {
    const specifiers = p.node.specifiers ?? [];
    const node = p.node as unknown as { start: number; end: number; importKind?: string; source: { value: string } };
    const end = source[node.end] === '\n' ? node.end + 1 : node.end;
    if (specifiers.length === 0) {
      if (/^next\/(router|head|link|navigation|image|script|dynamic)$/.test(node.source.value)) edits.replace(node.start, end, '');
      return;
    }
    if (!unused) return;
    const used = specifiers.filter((s) => referenced.has(s.local!.name as string));
    if (used.length === specifiers.length) return;
    if (used.length === 0) {
      edits.replace(node.start, end, '');
      return;
    }
    const defaultSpecifier = used.find((s) => s.type === 'ImportDefaultSpecifier');
    const named = used.filter((s) => s.type === 'ImportSpecifier').map((s) => api(s as never).toSource());
    const namespace = used.find((s) => s.type === 'ImportNamespaceSpecifier');
    const parts = [
      defaultSpecifier?.local?.name,
      namespace ? `* as ${namespace.local!.name}` : null,
      named.length > 0 ? `{ ${named.join(', ')} }` : null,
    ].filter(Boolean);
    edits.replace(
      node.start,
      node.end,
      `import ${node.importKind === 'type' ? 'type ' : ''}${parts.join(', ')} from '${node.source.value}';`,
    );
  });
  return edits.apply().replace(/^(\s*\n)+/, '');
}

/**
 * A converted page as App Router modules: as it is when it needs no browser, with `'use client'` when
 * it needs nothing of the server, or split. `'use client'` and server exports never share a file.
 */
export function asPage(
  api: JSCodeshift,
  file: string,
  converted: string,
  target: string,
): { page: string; extra: Array<{ file: string; content: string }> } {
  const root = api(converted);
  if (useClient.clientReason(api, root) === null) return { page: pruneImports(api, converted, false), extra: [] };
  const program = root.find(api.Program).get().node as { body: Statement[] };
  const serverParts = program.body.some(
    (n) =>
      declared(n).some((name) => SERVER_EXPORTS.has(name)) ||
      (n.type === 'ExportDefaultDeclaration' && (n.declaration as { async?: boolean }).async === true),
  );
  const searchParams = /useSearchParams\(/.test(converted);
  if (!serverParts && !searchParams) return { page: withUseClient(pruneImports(api, converted, false)), extra: [] };
  const clientFile = target.replace(/page(\.[jt]sx?)$/, 'client-page$1');
  const split = splitPage(api, converted, clientFile);
  if (!split)
    throw new PlanFailure(
      file,
      'it needs the browser and the server, and has no single default export to split into a server page and a client component',
    );
  return { page: split.page, extra: [{ file: clientFile, content: split.client }] };
}
