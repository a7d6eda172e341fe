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
import { addTypeImport, addTodo, removeUnusedBinding, sourceTree, templateRaw } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'next-head-to-metadata',
  title: '`next/head` → `metadata`, `generateMetadata` and `viewport`',
  coverage: 'partial',
  description:
    "`<title>`, description/keywords/robots/author meta tags, Open Graph and Twitter tags, icons, canonical and manifest links become `export const metadata`; `viewport` and `theme-color` become `export const viewport`. `next-seo`'s `<NextSeo>` gives its `title`, `description`, `canonical`, `noindex`/`nofollow`, `openGraph` and `twitter` the same way; what else it says stays on it with a TODO. When a value comes from props that a data function provides, the metadata becomes `generateMetadata`, which calls the same function. Other dynamic values, and tags metadata cannot express, stay as plain elements, which React 19 hoists into `<head>`, with a TODO.",
};

export const parser = 'tsx';

type JsxNode = Node & {
  type: string;
  name?: { name?: string };
  attributes?: Array<Node & { name?: { name?: string }; value?: Node | null }>;
  children?: JsxNode[];
  openingElement?: JsxNode;
  expression?: Node;
  value?: string;
};

interface Value {
  /** Source code of the value. */
  code: string;
  dynamic: boolean;
}

const NAMED_META: Record<string, string> = {
  description: 'description',
  keywords: 'keywords',
  robots: 'robots',
  generator: 'generator',
  'application-name': 'applicationName',
  referrer: 'referrer',
  creator: 'creator',
  publisher: 'publisher',
};
const OPEN_GRAPH: Record<string, string> = {
  'og:title': 'title',
  'og:description': 'description',
  'og:url': 'url',
  'og:type': 'type',
  'og:site_name': 'siteName',
  'og:locale': 'locale',
  'og:image': 'images',
};
const TWITTER: Record<string, string> = {
  'twitter:card': 'card',
  'twitter:title': 'title',
  'twitter:description': 'description',
  'twitter:site': 'site',
  'twitter:creator': 'creator',
  'twitter:image': 'images',
};
const ICONS: Record<string, string> = { icon: 'icon', 'shortcut icon': 'shortcut', 'apple-touch-icon': 'apple' };

function elementName(node: JsxNode): string | null {
  return node.type === 'JSXElement' ? (node.openingElement!.name?.name ?? null) : null;
}

function attributeValue(j: JSCodeshift, element: JsxNode, name: string): Value | null {
  const attribute = element.openingElement!.attributes!.find((a: JsxNode) => a.type === 'JSXAttribute' && a.name?.name === name);
  if (!attribute?.value) return null;
  return valueOf(j, attribute.value as JsxNode);
}

/** A string literal's code, printed from the AST so any text is escaped. */
function stringCode(j: JSCodeshift, text: string): string {
  return j(j.expressionStatement(j.stringLiteral(text)) as never)
    .toSource({ quote: 'single' })
    .replace(/;$/, '');
}

/** Whitespace in a title collapsed to single spaces, as the browser shows it. */
const collapse = (text: string): string => text.replace(/\s+/g, ' ');

function valueOf(j: JSCodeshift, node: JsxNode): Value {
  if (node.type === 'StringLiteral') return { code: stringCode(j, node.value!), dynamic: false };
  if (node.type === 'JSXExpressionContainer') return valueOf(j, node.expression as JsxNode);
  if (node.type === 'TemplateLiteral' && (node as unknown as { expressions: unknown[] }).expressions.length === 0)
    return { code: j(node as never).toSource(), dynamic: false };
  return { code: j(node as never).toSource(), dynamic: true };
}

/** `<title>{post.title} | Blog</title>` → a template literal. */
function titleValue(j: JSCodeshift, element: JsxNode): Value | null {
  const parts = (element.children ?? []).filter((c: JsxNode) => !(c.type === 'JSXText' && !c.value!.trim()));
  if (parts.length === 1 && parts[0]!.type === 'JSXExpressionContainer') return valueOf(j, parts[0]!);
  const texts = [''];
  const expressions: Node[] = [];
  for (const part of parts) {
    const expression = part.type === 'JSXExpressionContainer' ? (part.expression as JsxNode) : null;
    if (part.type === 'JSXText') texts[texts.length - 1] += part.value!;
    else if (expression?.type === 'StringLiteral') texts[texts.length - 1] += expression.value!;
    else if (expression && expression.type !== 'JSXEmptyExpression') {
      expressions.push(expression);
      texts.push('');
    } else return null;
  }
  const cooked = texts.map((text, index) => {
    const collapsed = collapse(text);
    return index === 0 && index === texts.length - 1
      ? collapsed.trim()
      : index === 0
        ? collapsed.trimStart()
        : index === texts.length - 1
          ? collapsed.trimEnd()
          : collapsed;
  });
  if (expressions.length === 0) return { code: stringCode(j, cooked[0]!), dynamic: false };
  const template = j.templateLiteral(
    cooked.map((text, index) => j.templateElement({ raw: templateRaw(text), cooked: text }, index === cooked.length - 1)),
    expressions as never,
  );
  return {
    code: j(j.expressionStatement(template) as never)
      .toSource()
      .replace(/;$/, ''),
    dynamic: true,
  };
}

function viewportEntries(content: string): string[] | null {
  const entries: string[] = [];
  for (const pair of content
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = pair.split('=').map((p) => p.trim());
    const name = (
      {
        width: 'width',
        height: 'height',
        'initial-scale': 'initialScale',
        'maximum-scale': 'maximumScale',
        'minimum-scale': 'minimumScale',
        'user-scalable': 'userScalable',
        'viewport-fit': 'viewportFit',
      } as Record<string, string>
    )[key!];
    if (!name || value === undefined) return null;
    const numeric = /^\d+(\.\d+)?$/.test(value);
    entries.push(`${name}: ${name === 'userScalable' ? String(value === 'yes' || value === '1') : numeric ? value : `'${value}'`}`);
  }
  return entries;
}

interface Collected {
  metadata: Map<string, Value>;
  openGraph: Map<string, Value>;
  twitter: Map<string, Value>;
  icons: Map<string, Value>;
  other: Map<string, Value>;
  viewport: string[];
  canonical: Value | null;
  manifest: Value | null;
}

/** What one child of `<Head>` contributes; false when metadata cannot express it. */
function collect(j: JSCodeshift, child: JsxNode, into: Collected): boolean {
  const name = elementName(child);
  if (name === 'title') {
    const value = titleValue(j, child);
    if (!value) return false;
    into.metadata.set('title', value);
    return true;
  }
  if (name === 'meta') {
    if (attributeValue(j, child, 'charSet') || attributeValue(j, child, 'charset')) return true;
    const metaName = attributeValue(j, child, 'name');
    const property = attributeValue(j, child, 'property');
    const content = attributeValue(j, child, 'content');
    if (!content) return false;
    const key = (metaName ?? property)?.code.replace(/^'|'$/g, '');
    if (!key || metaName?.dynamic || property?.dynamic) return false;
    if (key === 'viewport') {
      const entries = !content.dynamic ? viewportEntries(content.code.replace(/^'|'$/g, '')) : null;
      if (!entries) return false;
      into.viewport.push(...entries);
      return true;
    }
    if (key === 'theme-color') {
      into.viewport.push(`themeColor: ${content.code}`);
      return true;
    }
    if (key === 'author') {
      into.metadata.set('authors', { code: `[{ name: ${content.code} }]`, dynamic: content.dynamic });
      return true;
    }
    if (NAMED_META[key]) into.metadata.set(NAMED_META[key]!, content);
    else if (OPEN_GRAPH[key])
      into.openGraph.set(
        OPEN_GRAPH[key]!,
        OPEN_GRAPH[key] === 'images' ? { code: `[${content.code}]`, dynamic: content.dynamic } : content,
      );
    else if (TWITTER[key])
      into.twitter.set(TWITTER[key]!, TWITTER[key] === 'images' ? { code: `[${content.code}]`, dynamic: content.dynamic } : content);
    else if (metaName) into.other.set(key, content);
    else return false;
    return true;
  }
  if (name === 'link') {
    const rel = attributeValue(j, child, 'rel');
    const href = attributeValue(j, child, 'href');
    if (!rel || rel.dynamic || !href) return false;
    const relation = rel.code.replace(/^'|'$/g, '');
    if (ICONS[relation]) into.icons.set(ICONS[relation]!, href);
    else if (relation === 'canonical') into.canonical = href;
    else if (relation === 'manifest') into.manifest = href;
    else return false;
    return true;
  }
  return false;
}

function objectCode(entries: Map<string, Value>): string {
  return `{ ${[...entries].map(([key, value]) => `${/^[a-zA-Z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${value.code}`).join(', ')} }`;
}

function metadataCode(collected: Collected): string {
  const entries = [...collected.metadata].map(([key, value]) => `${key}: ${value.code}`);
  if (collected.openGraph.size > 0) entries.push(`openGraph: ${objectCode(collected.openGraph)}`);
  if (collected.twitter.size > 0) entries.push(`twitter: ${objectCode(collected.twitter)}`);
  if (collected.icons.size > 0) entries.push(`icons: ${objectCode(collected.icons)}`);
  if (collected.canonical) entries.push(`alternates: { canonical: ${collected.canonical.code} }`);
  if (collected.manifest) entries.push(`manifest: ${collected.manifest.code}`);
  if (collected.other.size > 0) entries.push(`other: ${objectCode(collected.other)}`);
  return `{\n${entries.map((e) => `  ${e},`).join('\n')}\n}`;
}

/** Removes a JSX element from where it renders. */
function removeElement(j: JSCodeshift, path: ASTPath, keep: JsxNode[]): void {
  const replacement =
    keep.length === 0 ? null : keep.length === 1 ? keep[0]! : j.jsxFragment(j.jsxOpeningFragment(), j.jsxClosingFragment(), keep as never);
  const parent = path.parent.node as JsxNode;
  if (parent.type === 'JSXElement' || parent.type === 'JSXFragment') {
    const index = parent.children!.indexOf(path.node as JsxNode);
    const next = parent.children![index + 1];
    const removeText = !replacement && next?.type === 'JSXText' && !next.value!.trim();
    parent.children!.splice(index, removeText ? 2 : 1, ...(replacement ? [replacement] : []));
    return;
  }
  j(path).replaceWith(replacement ?? j.nullLiteral());
}

/** A value that is the same on every render: literals, and objects and arrays of them. */
function isLiteralTree(node: JsxNode): boolean {
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral'].includes(node.type)) return true;
  if (node.type === 'TemplateLiteral') return (node as unknown as { expressions: unknown[] }).expressions.length === 0;
  if (node.type === 'ArrayExpression')
    return (node as unknown as { elements: JsxNode[] }).elements.every((e) => e !== null && isLiteralTree(e));
  if (node.type === 'ObjectExpression')
    return (node as unknown as { properties: JsxNode[] }).properties.every(
      (p) => p.type === 'ObjectProperty' && !(p as Node).computed && isLiteralTree((p as Node).value),
    );
  return false;
}

const SEO_OPEN_GRAPH: Record<string, string> = {
  title: 'title',
  description: 'description',
  url: 'url',
  type: 'type',
  images: 'images',
  videos: 'videos',
  locale: 'locale',
  siteName: 'siteName',
  site_name: 'siteName',
};
const SEO_TWITTER: Record<string, string> = { handle: 'creator', site: 'site', cardType: 'card' };

/** What `<NextSeo …/>` says, into metadata; returns the attributes metadata cannot express. */
function collectSeo(j: JSCodeshift, element: JsxNode, into: Collected): JsxNode[] {
  const kept: JsxNode[] = [];
  const robots: Record<string, boolean> = {};
  for (const attribute of element.openingElement!.attributes as JsxNode[]) {
    const name = attribute.type === 'JSXAttribute' ? attribute.name?.name : undefined;
    const expression = (attribute.value?.type === 'JSXExpressionContainer' ? attribute.value.expression : attribute.value) as
      JsxNode | null | undefined;
    const value = attribute.value ? valueOf(j, attribute.value as JsxNode) : { code: 'true', dynamic: false };
    const entries = (mapping: Record<string, string>): Array<[string, Value]> | null => {
      if (expression?.type !== 'ObjectExpression') return null;
      const result: Array<[string, Value]> = [];
      for (const property of (expression as unknown as { properties: Node[] }).properties) {
        const key = property.type === 'ObjectProperty' && !property.computed ? (property.key.name ?? property.key.value) : null;
        if (!key || !mapping[key]) return null;
        result.push([mapping[key]!, { code: j(property.value as never).toSource(), dynamic: !isLiteralTree(property.value) }]);
      }
      return result;
    };
    if (name === 'title' || name === 'description') into.metadata.set(name, value);
    else if (name === 'canonical') into.canonical = value;
    else if ((name === 'noindex' || name === 'nofollow') && !value.dynamic)
      robots[name === 'noindex' ? 'index' : 'follow'] = value.code !== 'true';
    else if (name === 'openGraph' && entries(SEO_OPEN_GRAPH)) for (const [key, v] of entries(SEO_OPEN_GRAPH)!) into.openGraph.set(key, v);
    else if (name === 'twitter' && entries(SEO_TWITTER)) for (const [key, v] of entries(SEO_TWITTER)!) into.twitter.set(key, v);
    else kept.push(attribute);
  }
  if (Object.keys(robots).length > 0)
    into.metadata.set('robots', {
      code: `{ ${Object.entries(robots)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')} }`,
      dynamic: false,
    });
  return kept;
}

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
  const collected: Collected = {
    metadata: new Map(),
    openGraph: new Map(),
    twitter: new Map(),
    icons: new Map(),
    other: new Map(),
    viewport: [],
    canonical: null,
    manifest: null,
  };
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
    const attempt: Collected = {
      metadata: new Map(),
      openGraph: new Map(),
      twitter: new Map(),
      icons: new Map(),
      other: new Map(),
      viewport: [],
      canonical: null,
      manifest: null,
    };
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
