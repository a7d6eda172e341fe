import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { TextEdits, sourceTree } from '../../src/engine/codemod.ts';
import { withUseClient } from '../../src/engine/app-router-rules.ts';
import * as useClient from '../app-router/use-client.ts';

const SERVER_EXPORTS = new Set(['generateStaticParams', 'generateMetadata', 'metadata', 'viewport', 'revalidate', 'dynamic', 'dynamicParams', 'getPageProps']);

/** Names a top-level statement declares. */
function declared(node: { type: string; [key: string]: unknown }): string[] {
  const inner = (node.type === 'ExportNamedDeclaration' ? node.declaration : node) as { type: string; id?: { name: string }; declarations?: Array<{ id: { type: string; name?: string } }> } | null;
  if (!inner) return [];
  if (inner.id?.name) return [inner.id.name];
  return (inner.declarations ?? []).flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name!] : []));
}

/**
 * A page that needs the browser and the server is split: `page` keeps the data, metadata and static
 * params and renders the component from a `'use client'` module beside it.
 */
function splitPage(api: JSCodeshift, source: string, clientFile: string, pageFile: string): { page: string; client: string } | null {
  const root = sourceTree(api, source);
  const program = root.find(api.Program).get().node as { body: Array<{ type: string; [key: string]: unknown }> };
  const wrapperNode = program.body.find((n) => n.type === 'ExportDefaultDeclaration');
  const wrapper = wrapperNode?.declaration as { type: string; async?: boolean; id?: { name: string } } | undefined;
  const isWrapper = wrapper?.type === 'FunctionDeclaration' && (wrapper.async || /getPageProps|<\w+/.test(api(wrapperNode as never).toSource()));
  const server = program.body.filter((n) => n === wrapperNode || declared(n).some((name) => SERVER_EXPORTS.has(name)));
  const clientBody = program.body.filter((n) => !server.includes(n));
  const wrapperCode = api(wrapperNode as never).toSource();
  // The component the wrapper renders.
  const rendered = wrapperNode
    ? api(wrapperNode as never)
        .find(api.JSXOpeningElement)
        .nodes()
        .map((opening) => (opening.name.type === 'JSXIdentifier' ? opening.name.name : null))
        .find((name) => name !== null && clientBody.some((n) => declared(n).includes(name)))
    : undefined;
  let component = rendered && clientBody.some((n) => declared(n).includes(rendered)) ? rendered : null;
  let serverWrapper = wrapperCode;
  if (!component && wrapper && !isWrapper) return null;
  if (!component && wrapper?.type === 'FunctionDeclaration' && wrapper.id?.name) {
    // The component itself is the default export: it moves to the client module whole.
    component = wrapper.id.name;
    serverWrapper = '';
  }
  if (!component) return null;
  const sourceOf = (n: unknown) => api(n as never).toSource();
  const imports = program.body.filter((n) => n.type === 'ImportDeclaration');
  // Helpers the server statements use come along (types and constants are cheap to repeat).
  const serverNames = new Set<string>();
  const serverText = () => server.map(sourceOf).join('\n') + serverWrapper;
  let grew = true;
  while (grew) {
    grew = false;
    const text = serverText();
    for (const n of clientBody) {
      if (n.type === 'ImportDeclaration' || server.includes(n)) continue;
      const names = declared(n).length > 0 ? declared(n) : n.type === 'TSTypeAliasDeclaration' || n.type === 'TSInterfaceDeclaration' ? [(n.id as { name: string }).name] : [];
      if (names.some((name) => name !== component && new RegExp(`\\b${name}\\b`).test(text)) && !names.some((name) => serverNames.has(name))) {
        names.forEach((name) => serverNames.add(name));
        server.splice(server.length - (server.includes(wrapperNode!) ? 1 : 0), 0, n);
        grew = true;
      }
    }
  }
  const clientName = `./${path.posix.basename(clientFile).replace(/\.[jt]sx?$/, '')}`;
  const usesSearchParams = /useSearchParams\(/.test(source);
  let pageWrapper = serverWrapper;
  if (!pageWrapper) pageWrapper = `export default function Page() {\n  return <${component} />;\n}`;
  if (usesSearchParams) pageWrapper = pageWrapper.replace(new RegExp(`(<${component}\\b[^>]*/>)`), '<Suspense fallback={null}>$1</Suspense>');
  const serverImports = [...imports.map(sourceOf), `import ${component} from '${clientName}';`, ...(usesSearchParams ? ["import { Suspense } from 'react';"] : [])];
  const serverCode = [serverImports.join('\n'), ...server.filter((n) => n !== wrapperNode).map(sourceOf), pageWrapper].join('\n\n');
  const clientCode = [...imports.map(sourceOf).join('\n').split('\n\n'), ...clientBody.filter((n) => n.type !== 'ImportDeclaration').map((n) => (declared(n).includes(component!) ? asDefaultExport(sourceOf(n), n.type, component!) : sourceOf(n)))].join('\n\n');
  return { page: pruneImports(api, `${serverCode}\n`, pageFile), client: withUseClient(pruneImports(api, `${clientCode}\n`, clientFile)) };
}

/** A declaration made the module's default export. */
function asDefaultExport(code: string, type: string, name: string): string {
  const bare = code.replace(/^export (default )?/, '');
  return type === 'FunctionDeclaration' || type === 'ClassDeclaration' || /^(async )?function|^class/.test(bare) ? `export default ${bare}` : `${bare}\n\nexport default ${name};`;
}

/** Drops import bindings a module no longer uses, and imports left empty (side-effect imports stay). */
function pruneImports(api: JSCodeshift, source: string, _file: string): string {
  const root = sourceTree(api, source);
  const edits = new TextEdits(source);
  const code = source.replace(/^import[\s\S]*?from\s*['"][^'"]+['"];?$/gm, '');
  root.find(api.ImportDeclaration).forEach((p) => {
    const specifiers = p.node.specifiers ?? [];
    if (specifiers.length === 0) return;
    const used = specifiers.filter((s) => new RegExp(`(?<![\\w$.])${s.local!.name}(?![\\w$])`).test(code));
    if (used.length === specifiers.length) return;
    const node = p.node as unknown as { start: number; end: number; importKind?: string; source: { value: string } };
    const end = source[node.end] === '\n' ? node.end + 1 : node.end;
    if (used.length === 0) {
      edits.replace(node.start, end, '');
      return;
    }
    const defaultSpecifier = used.find((s) => s.type === 'ImportDefaultSpecifier');
    const named = used.filter((s) => s.type === 'ImportSpecifier').map((s) => api(s as never).toSource());
    const namespace = used.find((s) => s.type === 'ImportNamespaceSpecifier');
    const parts = [defaultSpecifier?.local?.name, namespace ? `* as ${namespace.local!.name}` : null, named.length > 0 ? `{ ${named.join(', ')} }` : null].filter(Boolean);
    edits.replace(node.start, node.end, `import ${node.importKind === 'type' ? 'type ' : ''}${parts.join(', ')} from '${node.source.value}';`);
  });
  return edits.apply();
}

/** A converted page, split when it needs the browser and the server. */
export function asPage(api: JSCodeshift, converted: string, target: string): { page: string; extra: Array<{ file: string; content: string }> } {
  const root = api(converted);
  const needsClient = useClient.clientReason(api, root) !== null;
  if (!needsClient) return { page: converted, extra: [] };
  const serverParts = /export (async )?(function|const) (generateStaticParams|generateMetadata|metadata|viewport|revalidate|dynamic|dynamicParams)\b|getPageProps/.test(converted);
  const searchParams = /useSearchParams\(/.test(converted);
  if (!serverParts && !searchParams) return { page: withUseClient(converted), extra: [] };
  const clientFile = target.replace(/page(\.[jt]sx?)$/, 'client-page$1');
  const split = splitPage(api, converted, clientFile, target);
  if (!split) return { page: withUseClient(converted), extra: [] };
  return { page: split.page, extra: [{ file: clientFile, content: split.client }] };
}
