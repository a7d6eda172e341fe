import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { insertAfterImports, isTypeScript, statements, type AstNode as Node } from '../rules.ts';
import { addTypeImport, sourceTree, todoNote } from '../../../../src/engine/codemod.ts';
import { printSource, sourceStyle } from '../../../../src/engine/print-style.ts';

export const isStatic = (node: Node): boolean => {
  if (!node) return false;
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral'].includes(node.type)) return true;
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0 && !node.quasis[0].value.raw.includes('\n');
  if (node.type === 'ArrayExpression') return (node.elements as Node[]).every(isStatic);
  if (node.type === 'ObjectExpression')
    return (node.properties as Node[]).every((p) => p.type === 'ObjectProperty' && !p.computed && isStatic(p.value));
  return false;
};

export const propertyName = (property: Node): string | null =>
  property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : null;

/** An object literal's properties renamed (`handle` → `creator`), or null when one has no counterpart. */
export function renamedObject(j: JSCodeshift, object: Node, names: Record<string, string>): Node | null {
  if (object.type !== 'ObjectExpression') return null;
  const properties = (object.properties as Node[]).map((p) => {
    const name = propertyName(p);
    return name && names[name] ? j.objectProperty(j.identifier(names[name]!), p.value) : null;
  });
  return properties.every(Boolean) ? j.objectExpression(properties as never) : null;
}

export const OPEN_GRAPH_KEYS = Object.fromEntries(
  ['url', 'type', 'title', 'description', 'images', 'siteName', 'locale', 'videos', 'audio'].map((key) => [key, key]),
);

/** The root `metadata` a `next-seo` `<DefaultSeo …>` with literal props stands for, built as an object expression; null when a prop has no literal counterpart. */
export function defaultSeoMetadata(j: JSCodeshift, element: Node): Node | null {
  const values: Record<string, Node> = {};
  for (const attribute of element.openingElement.attributes as Node[]) {
    if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier') return null;
    const value =
      attribute.value === null
        ? j.booleanLiteral(true)
        : attribute.value.type === 'JSXExpressionContainer'
          ? attribute.value.expression
          : j.stringLiteral(attribute.value.value);
    if (!isStatic(value)) return null;
    values[attribute.name.name] = value;
  }
  const properties: Node[] = [];
  const add = (key: string, value: Node) => properties.push(j.objectProperty(j.identifier(key), value as never));
  for (const key of Object.keys(values))
    if (
      !['title', 'defaultTitle', 'titleTemplate', 'description', 'canonical', 'openGraph', 'twitter', 'noindex', 'nofollow'].includes(key)
    )
      return null;
  const title = values.title ?? values.defaultTitle;
  if (values.titleTemplate) {
    if (!title) return null;
    add(
      'title',
      j.objectExpression([
        j.objectProperty(j.identifier('default'), title as never),
        j.objectProperty(j.identifier('template'), values.titleTemplate as never),
      ]),
    );
  } else if (title) add('title', title);
  if (values.description) add('description', values.description);
  if (values.canonical) add('alternates', j.objectExpression([j.objectProperty(j.identifier('canonical'), values.canonical as never)]));
  if (values.openGraph) {
    const openGraph = renamedObject(j, values.openGraph, OPEN_GRAPH_KEYS);
    if (!openGraph) return null;
    add('openGraph', openGraph);
  }
  if (values.twitter) {
    const twitter = renamedObject(j, values.twitter, { handle: 'creator', site: 'site', cardType: 'card' });
    if (!twitter) return null;
    add('twitter', twitter);
  }
  if (values.noindex || values.nofollow) {
    const allowed = (value: Node | undefined) => j.booleanLiteral(!(value && (value as { value?: unknown }).value === true));
    add(
      'robots',
      j.objectExpression([
        j.objectProperty(j.identifier('index'), allowed(values.noindex)),
        j.objectProperty(j.identifier('follow'), allowed(values.nofollow)),
      ]),
    );
  }
  return j.objectExpression(properties as never);
}

/** The `<DefaultSeo>` elements `_app` renders, from `next-seo`. */
export function defaultSeoElements(j: JSCodeshift, root: Collection): ASTPath[] {
  const local = root
    .find(j.ImportDeclaration, { source: { value: 'next-seo' } })
    .find(j.ImportSpecifier, { imported: { name: 'DefaultSeo' } })
    .nodes()[0]?.local?.name;
  if (!local) return [];
  return root
    .find(j.JSXElement)
    .filter(
      (p: ASTPath) => (p.node as Node).openingElement.name.type === 'JSXIdentifier' && (p.node as Node).openingElement.name.name === local,
    )
    .paths();
}

/**
 * The root layout with the `metadata` that `_app`'s `<DefaultSeo>` gave every page (`title` with its
 * `titleTemplate`, `description`, `canonical`, `openGraph`, `twitter`, `noindex`/`nofollow`); the layout
 * as it was when there is none, when its props are not literals, or when the layout has metadata already.
 */
export function withAppMetadata(j: JSCodeshift, layout: string, appSource: string, layoutFile: string): string {
  const elements = defaultSeoElements(j, sourceTree(j, appSource));
  if (elements.length !== 1) return layout;
  const metadata = defaultSeoMetadata(j, elements[0]!.node as Node);
  if (!metadata) return layout;
  const typescript = isTypeScript(layoutFile);
  const quote = sourceStyle(layout).quote === 'double' ? 'double' : 'single';
  // One entry a line, each value on one line, as the pages' metadata is written.
  const entries = (metadata.properties as Node[]).map(
    (p) =>
      `  ${p.key.name}: ${j(p.value as never)
        .toSource({ quote })
        .replace(/\{\s*\n\s*/g, '{ ')
        .replace(/\s*\n\s*\}/g, ' }')
        .replace(/\[\s*\n\s*/g, '[')
        .replace(/\s*\n\s*\]/g, ']')
        .replace(/,?\s*\n\s*/g, ', ')},`,
  );
  const code = `export const metadata${typescript ? ': Metadata' : ''} = {\n${entries.join('\n')}\n};`;
  const existing = sourceTree(j, layout);
  if (layout.includes(code)) return layout;
  if (
    existing.find(j.Identifier, { name: 'metadata' }).length > 0 ||
    existing.find(j.Identifier, { name: 'generateMetadata' }).length > 0
  ) {
    const note = `// ${todoNote("`<DefaultSeo>` in `_app` set the title, description and social tags of every page: merge its props into this layout's `metadata`")}`;
    return layout.includes(note) ? layout : insertAfterImports(j, layout, note);
  }
  statements(j, code);
  const root = sourceTree(j, insertAfterImports(j, layout, code));
  if (typescript) addTypeImport(j, root, 'next', 'Metadata');
  return printSource(root, layout, layoutFile);
}
