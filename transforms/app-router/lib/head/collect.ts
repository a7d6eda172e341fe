import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { type AstNode as Node } from '../rules.ts';
import { templateRaw } from '../../../../src/engine/codemod.ts';

export type JsxNode = Node & {
  type: string;
  name?: { name?: string };
  attributes?: Array<Node & { name?: { name?: string }; value?: Node | null }>;
  children?: JsxNode[];
  openingElement?: JsxNode;
  expression?: Node;
  value?: string;
};

export interface Value {
  /** Source code of the value. */
  code: string;
  dynamic: boolean;
}

export const NAMED_META: Record<string, string> = {
  description: 'description',
  keywords: 'keywords',
  robots: 'robots',
  generator: 'generator',
  'application-name': 'applicationName',
  referrer: 'referrer',
  creator: 'creator',
  publisher: 'publisher',
};
export const OPEN_GRAPH: Record<string, string> = {
  'og:title': 'title',
  'og:description': 'description',
  'og:url': 'url',
  'og:type': 'type',
  'og:site_name': 'siteName',
  'og:locale': 'locale',
  'og:image': 'images',
};
export const TWITTER: Record<string, string> = {
  'twitter:card': 'card',
  'twitter:title': 'title',
  'twitter:description': 'description',
  'twitter:site': 'site',
  'twitter:creator': 'creator',
  'twitter:image': 'images',
};
export const ICONS: Record<string, string> = { icon: 'icon', 'shortcut icon': 'shortcut', 'apple-touch-icon': 'apple' };

export function elementName(node: JsxNode): string | null {
  return node.type === 'JSXElement' ? (node.openingElement!.name?.name ?? null) : null;
}

export function attributeValue(j: JSCodeshift, element: JsxNode, name: string): Value | null {
  const attribute = element.openingElement!.attributes!.find((a: JsxNode) => a.type === 'JSXAttribute' && a.name?.name === name);
  if (!attribute?.value) return null;
  return valueOf(j, attribute.value as JsxNode);
}

/** A string literal's code, printed from the AST so any text is escaped. */
export function stringCode(j: JSCodeshift, text: string): string {
  return j(j.expressionStatement(j.stringLiteral(text)) as never)
    .toSource({ quote: 'single' })
    .replace(/;$/, '');
}

/** Whitespace in a title collapsed to single spaces, as the browser shows it. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ');

export function valueOf(j: JSCodeshift, node: JsxNode): Value {
  if (node.type === 'StringLiteral') return { code: stringCode(j, node.value!), dynamic: false };
  if (node.type === 'JSXExpressionContainer') return valueOf(j, node.expression as JsxNode);
  if (node.type === 'TemplateLiteral' && (node as unknown as { expressions: unknown[] }).expressions.length === 0)
    return { code: j(node as never).toSource(), dynamic: false };
  return { code: j(node as never).toSource(), dynamic: true };
}

/** `<title>{post.title} | Blog</title>` → a template literal. */
export function titleValue(j: JSCodeshift, element: JsxNode): Value | null {
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

export function viewportEntries(content: string): string[] | null {
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

export interface Collected {
  metadata: Map<string, Value>;
  openGraph: Map<string, Value>;
  twitter: Map<string, Value>;
  icons: Map<string, Value>;
  other: Map<string, Value>;
  viewport: string[];
  canonical: Value | null;
  manifest: Value | null;
}

export function emptyCollected(): Collected {
  return {
    metadata: new Map(),
    openGraph: new Map(),
    twitter: new Map(),
    icons: new Map(),
    other: new Map(),
    viewport: [],
    canonical: null,
    manifest: null,
  };
}

/** What one child of `<Head>` contributes; false when metadata cannot express it. */
export function collect(j: JSCodeshift, child: JsxNode, into: Collected): boolean {
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

export function objectCode(entries: Map<string, Value>): string {
  return `{ ${[...entries].map(([key, value]) => `${/^[a-zA-Z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${value.code}`).join(', ')} }`;
}

export function metadataCode(collected: Collected): string {
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
export function removeElement(j: JSCodeshift, path: ASTPath, keep: JsxNode[]): void {
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
export function isLiteralTree(node: JsxNode): boolean {
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

export const SEO_OPEN_GRAPH: Record<string, string> = {
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
export const SEO_TWITTER: Record<string, string> = { handle: 'creator', site: 'site', cardType: 'card' };

/** What `<NextSeo …/>` says, into metadata; returns the attributes metadata cannot express. */
export function collectSeo(j: JSCodeshift, element: JsxNode, into: Collected): JsxNode[] {
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
