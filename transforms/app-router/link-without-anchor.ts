import type { API, ASTPath, FileInfo, JSXAttribute, JSXElement } from 'jscodeshift';
import { type RuleMeta, type RuleOptions } from './lib/rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'link-without-anchor',
  title: '`<Link>` without an `<a>` child, `legacyBehavior` or `passHref`',
  coverage: 'partial',
  description:
    'An `<a>` child of `<Link>` gives its attributes to the `<Link>` and its children to it; `legacyBehavior` and `passHref` go. A child that renders the anchor itself (a component given `passHref`, or a `styled.a` of the module) keeps it, with `legacyBehavior passHref`, so the page has one anchor. A `legacyBehavior` link whose child is a component (which expects `href` and `onClick` from the link) gets a TODO.',
};

export const parser = 'tsx';

/** `Foo` or `Styled.Anchor`. */
const elementName = (name: { type: string; name?: unknown; object?: unknown; property?: { name: string } }): string | null =>
  name.type === 'JSXIdentifier'
    ? (name.name as string)
    : name.type === 'JSXMemberExpression'
      ? `${elementName(name.object as never)}.${name.property!.name}`
      : null;

/** Components the module declares as styled anchors: `styled.a\`…\``, `styled('a')\`…\``, `styled.a({…})`. */
function anchorComponents(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>): Set<string> {
  const names = new Set<string>();
  root.find(j.VariableDeclarator).forEach((p: ASTPath) => {
    const { id, init } = p.node as unknown as { id: { type: string; name?: string }; init: Record<string, never> | null };
    let tag = init?.type === 'TaggedTemplateExpression' ? init.tag : init?.type === 'CallExpression' ? init.callee : null;
    while (
      tag &&
      (tag as { type: string }).type === 'CallExpression' &&
      (tag as { callee: { type: string } }).callee.type === 'MemberExpression'
    )
      tag = (tag as { callee: never }).callee;
    const node = tag as {
      type: string;
      object?: { name?: string };
      property?: { name?: string };
      callee?: { name?: string };
      arguments?: Array<{ value?: string }>;
    } | null;
    const isAnchor =
      (node?.type === 'MemberExpression' && node.object?.name === 'styled' && node.property?.name === 'a') ||
      (node?.type === 'CallExpression' && node.callee?.name === 'styled' && node.arguments?.[0]?.value === 'a');
    if (isAnchor && id.type === 'Identifier') names.add(id.name!);
  });
  return names;
}

const attributeName = (attribute: unknown) =>
  (attribute as JSXAttribute).type === 'JSXAttribute' ? ((attribute as JSXAttribute).name.name as string) : null;

export default function transform(file: FileInfo, api: API, _options: RuleOptions): string | undefined {
  if (!file.source.includes('next/link')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const local = root
    .find(j.ImportDeclaration, { source: { value: 'next/link' } })
    .find(j.ImportDefaultSpecifier)
    .paths()[0]?.node.local?.name;
  if (!local) return undefined;
  let changed = false;
  const anchors = anchorComponents(j, root);
  root.find(j.JSXElement, { openingElement: { name: { name: local as string } } } as never).forEach((path: ASTPath<JSXElement>) => {
    const opening = path.node.openingElement;
    const children = (path.node.children ?? []).filter((child) => !(child.type === 'JSXText' && !child.value.trim()));
    const [child] = children;
    const anchor =
      children.length === 1 &&
      child?.type === 'JSXElement' &&
      child.openingElement.name.type === 'JSXIdentifier' &&
      child.openingElement.name.name === 'a'
        ? child
        : null;
    const legacy = (opening.attributes ?? []).some((a) => attributeName(a) === 'legacyBehavior');
    const passHref = (opening.attributes ?? []).some((a) => attributeName(a) === 'passHref');
    const childName = children.length === 1 && child?.type === 'JSXElement' ? elementName(child.openingElement.name) : null;
    // A styled `<a>` (or a component handed `passHref`) renders the anchor itself: the new `<Link>` would nest a second one.
    if (childName && childName !== 'a' && (passHref || anchors.has(childName))) {
      const added = [...(legacy ? [] : ['legacyBehavior']), ...(passHref ? [] : ['passHref'])];
      opening.attributes = [...(opening.attributes ?? []), ...added.map((name) => j.jsxAttribute(j.jsxIdentifier(name)))];
      if (added.length > 0) changed = true;
      return;
    }
    if (legacy && !anchor) {
      addTodo(
        j,
        path as ASTPath,
        '`legacyBehavior` passes `href` and `onClick` to a child component: render the component inside `<Link>` (or use its `as` prop) and drop `legacyBehavior`',
      );
      changed = true;
      return;
    }
    const dropped = (opening.attributes ?? []).filter((a) => attributeName(a) !== 'legacyBehavior' && attributeName(a) !== 'passHref');
    if (dropped.length !== (opening.attributes ?? []).length) changed = true;
    opening.attributes = dropped;
    if (anchor) {
      const names = new Set(dropped.map(attributeName));
      opening.attributes = [
        ...dropped,
        ...(anchor.openingElement.attributes ?? []).filter((a) => attributeName(a) !== 'href' || !names.has('href')),
      ];
      path.node.children = anchor.children ?? [];
      changed = true;
    }
    if (path.node.children?.length === 0 && !opening.selfClosing) {
      opening.selfClosing = true;
      path.node.closingElement = null;
    }
  });
  return changed ? printSource(root, file.source, file.path) : undefined;
}
