import type { API, ASTPath, FileInfo, JSCodeshift } from 'jscodeshift';
import {
  insertAfterImports,
  isTypeScript,
  memberKey,
  statements,
  type RuleMeta,
  type RuleOptions,
  type AstNode as Node,
} from './lib/rules.ts';
import { pageComponent } from './lib/data-page/page-component.ts';
import { addTypeImport, addTodo, removeUnusedBinding, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

import {
  collect,
  collectSeo,
  emptyCollected,
  metadataCode,
  removeElement,
  type Collected,
  type JsxNode,
  type Value,
} from './lib/head/collect.ts';

export const meta: RuleMeta = {
  id: 'next-head-to-metadata',
  title: '`next/head` → `metadata`, `generateMetadata` and `viewport`',
  coverage: 'partial',
  description:
    "`<title>`, description/keywords/robots/author meta tags, Open Graph and Twitter tags, icons, canonical and manifest links become `export const metadata`; `viewport` and `theme-color` become `export const viewport`. `next-seo`'s `<NextSeo>` gives its `title`, `description`, `canonical`, `noindex`/`nofollow`, `openGraph` and `twitter` the same way; what else it says stays on it with a TODO. When a value comes from props that a data function provides, the metadata becomes `generateMetadata`, which calls the same function. Other dynamic values, and tags metadata cannot express, stay as plain elements, which React 19 hoists into `<head>`, with a TODO.",
};

export const parser = 'tsx';

/** Names the page component receives from its data function: `function Post({ post })`, or `const { post } = await loadPostData(…)` in an async page. */
function dataPropNames(j: JSCodeshift, path: ASTPath): string[] {
  const fn = j(path).closest(j.Function).paths()[0];
  const param = fn?.node.params[0] as
    (Node & { properties?: Array<Node & { key?: { name?: string }; value?: { type: string; name?: string } }> }) | undefined;
  const patterns: Node[] = param?.type === 'ObjectPattern' ? [param] : [];
  if (fn && (fn.node as { async?: boolean }).async) {
    for (const statement of ((fn.node.body as Node).body ?? []) as Node[]) {
      const declarator = statement.type === 'VariableDeclaration' ? statement.declarations[0] : null;
      if (declarator?.id.type === 'ObjectPattern' && declarator.init?.type === 'AwaitExpression') patterns.push(declarator.id);
    }
  }
  return patterns.flatMap((pattern) =>
    (pattern.properties as JsxNode[]).flatMap((p: JsxNode) =>
      p.type === 'ObjectProperty' && p.value?.type === 'Identifier' ? [p.value.name!] : [],
    ),
  );
}

/** The async page's signature and its awaited call of the module's data function, when it has one; `legacy` when the call returns `{ props }`. */
function dataCall(j: JSCodeshift, root: ReturnType<JSCodeshift>): { signature: string; call: string; legacy: boolean } | null {
  const fn = pageComponent(j, root)?.fn as (Node & { params: Node[]; async?: boolean }) | undefined;
  if (!fn || !fn.async) return null;
  const program = root.find(j.Program).get().node as { body: Node[] };
  const local = new Set<string>(
    program.body.flatMap((statement: Node) =>
      statement.type === 'FunctionDeclaration' && statement.id
        ? [statement.id.name]
        : statement.type === 'VariableDeclaration'
          ? statement.declarations.map((d: Node) => d.id.name)
          : [],
    ),
  );
  const awaited = j(fn as never)
    .find(j.AwaitExpression)
    .filter((p: ASTPath) => {
      const argument = (p.node as Node).argument;
      return argument?.type === 'CallExpression' && argument.callee.type === 'Identifier' && local.has(argument.callee.name);
    })
    .paths()[0];
  if (!awaited) return null;
  const signature = fn.params.map((p: Node) => j(p as never).toSource()).join(', ');
  const scope = j(fn as never);
  const legacy =
    scope.find(j.MemberExpression).some((p: ASTPath) => memberKey(p.node) === 'props') ||
    scope.find(j.BinaryExpression, { operator: 'in', left: { value: 'props' } }).length > 0;
  return { signature, call: j((awaited.node as Node).argument).toSource(), legacy };
}

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!file.source.includes('next/head') && !file.source.includes('next-seo')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const headImport = root.find(j.ImportDeclaration, { source: { value: 'next/head' } });
  const local = headImport.find(j.ImportDefaultSpecifier).paths()[0]?.node.local?.name as string | undefined;
  const seoImport = root.find(j.ImportDeclaration, { source: { value: 'next-seo' } });
  const seoSpecifier = seoImport.find(j.ImportSpecifier, { imported: { name: 'NextSeo' } }).paths()[0]?.node;
  const seoLocal = seoSpecifier ? ((seoSpecifier.local?.name as string | undefined) ?? 'NextSeo') : undefined;
  if (!local && !seoLocal) return undefined;
  const typescript = isTypeScript(file.path);
  const isPage = options.kind !== 'component';
  const collected = emptyCollected();
  let fromData: string[] = [];
  let call = null as ReturnType<typeof dataCall>;

  const elements = [
    ...(local ? root.find(j.JSXElement, { openingElement: { name: { name: local } } } as never).paths() : []),
    ...(seoLocal ? root.find(j.JSXElement, { openingElement: { name: { name: seoLocal } } } as never).paths() : []),
  ];
  elements.forEach((path: ASTPath) => {
    const element = path.node as JsxNode;
    const seo = element.openingElement!.name?.name === seoLocal;
    const children = (element.children ?? []).filter((c: JsxNode) => !(c.type === 'JSXText' && !c.value!.trim()));
    const attempt = emptyCollected();
    const kept = seo ? collectSeo(j, element, attempt) : children.filter((child: JsxNode) => !collect(j, child, attempt));
    const values = [
      ...attempt.metadata.values(),
      ...attempt.openGraph.values(),
      ...attempt.twitter.values(),
      ...attempt.icons.values(),
      ...attempt.other.values(),
      ...(attempt.canonical ? [attempt.canonical] : []),
      ...(attempt.manifest ? [attempt.manifest] : []),
    ];
    const dynamic = values.filter((v) => v.dynamic);
    const props = dataPropNames(j, path);
    call ??= dataCall(j, root);
    const fromProps = (value: Value) => {
      const names = new Set<string>();
      j(statements(j, `(${value.code});`)[0] as never)
        .find(j.Identifier)
        .forEach((p: ASTPath) => {
          if (p.parent.node.type !== 'MemberExpression' || p.parent.node.object === p.node) names.add((p.node as { name: string }).name);
        });
      return [...names].every((name) => props.includes(name)) ? [...names] : null;
    };
    const usable = isPage && (dynamic.length === 0 || (call !== null && dynamic.every((v) => fromProps(v) !== null)));
    if (!usable && seo) {
      addTodo(
        j,
        path,
        '`next-seo` writes through `next/head`, which renders nothing in the App Router: move these values into `metadata` or `generateMetadata`',
      );
      return;
    }
    if (!usable) {
      // React 19 hoists <title>, <meta> and <link> rendered anywhere into <head>.
      removeElement(j, path, children);
      addTodo(
        j,
        path,
        isPage
          ? '`<Head>` used values the metadata API cannot reach here: these tags render as plain elements (React hoists them into <head>); move them into `generateMetadata`'
          : "`next/head` renders nothing in the App Router: these tags render as plain elements (React hoists them into <head>); move them into the page's `metadata`",
      );
      return;
    }
    for (const value of dynamic) fromData.push(...fromProps(value)!);
    for (const key of Object.keys(attempt) as Array<keyof Collected>) {
      const target = collected[key];
      const source = attempt[key];
      if (target instanceof Map && source instanceof Map) for (const [k, v] of source) target.set(k, v);
      else if (Array.isArray(target) && Array.isArray(source)) target.push(...source);
      else if (source) (collected as unknown as Record<string, unknown>)[key] = source;
    }
    if (seo) {
      if (kept.length === 0) removeElement(j, path, []);
      else {
        element.openingElement!.attributes = kept;
        addTodo(
          j,
          path,
          '`next-seo` writes through `next/head`, which renders nothing in the App Router: move what is left on `<NextSeo>` into `metadata` by hand',
        );
      }
      return;
    }
    removeElement(j, path, kept);
    if (kept.length > 0)
      addTodo(j, path, 'metadata cannot express some `<Head>` tags: they render as plain elements (React hoists them into <head>)');
  });

  const exports: string[] = [];
  const hasMetadata =
    collected.metadata.size + collected.openGraph.size + collected.twitter.size + collected.icons.size + collected.other.size > 0 ||
    collected.canonical ||
    collected.manifest;
  if (hasMetadata && fromData.length === 0) {
    exports.push(`export const metadata${typescript ? ': Metadata' : ''} = ${metadataCode(collected)};`);
    if (typescript) addTypeImport(j, root, 'next', 'Metadata');
  } else if (hasMetadata && call) {
    fromData = [...new Set(fromData)];
    const body = [
      ...(call.legacy
        ? [
            `const result = await ${call.call};`,
            `if (!('props' in result) || !result.props) return {};`,
            `const { ${fromData.join(', ')} } = result.props;`,
          ]
        : [`const { ${fromData.join(', ')} } = await ${call.call};`]),
      `return ${metadataCode(collected).replace(/\n/g, '\n  ')};`,
    ];
    exports.push(
      `export async function generateMetadata(${call.signature})${typescript ? ': Promise<Metadata>' : ''} {\n${body.map((l) => `  ${l}`).join('\n')}\n}`,
    );
    if (typescript) addTypeImport(j, root, 'next', 'Metadata');
  }
  if (collected.viewport.length > 0) {
    exports.push(`export const viewport${typescript ? ': Viewport' : ''} = {\n${collected.viewport.map((e) => `  ${e},`).join('\n')}\n};`);
    if (typescript) addTypeImport(j, root, 'next', 'Viewport');
  }
  if (local && root.find(j.Identifier, { name: local }).length === 1) headImport.remove();
  if (seoLocal) removeUnusedBinding(j, root, seoLocal);
  const printed = printSource(root, file.source, file.path);
  // The exports go after the imports, as written here.
  return exports.length > 0 ? insertAfterImports(j, printed, exports.join('\n\n')) : printed;
}
