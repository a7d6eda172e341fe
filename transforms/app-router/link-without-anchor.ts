import type { API, ASTPath, FileInfo, JSXAttribute, JSXElement } from 'jscodeshift';
import { type RuleMeta, type RuleOptions } from '../../src/engine/app-router-rules.ts';
import { addTodo, sourceTree } from '../../src/engine/codemod.ts';
import { printSource } from '../../src/engine/print-style.ts';

export const meta: RuleMeta = {
  id: 'link-without-anchor',
  title: '`<Link>` without an `<a>` child, `legacyBehavior` or `passHref`',
  coverage: 'partial',
  description: 'An `<a>` child of `<Link>` gives its attributes to the `<Link>` and its children to it; `legacyBehavior` and `passHref` go. A `legacyBehavior` link whose child is a component (which expects `href` and `onClick` from the link) gets a TODO.',
};

export const parser = 'tsx';

const attributeName = (attribute: unknown) => ((attribute as JSXAttribute).type === 'JSXAttribute' ? ((attribute as JSXAttribute).name.name as string) : null);

export default function transform(file: FileInfo, api: API, _options: RuleOptions): string | undefined {
  if (!file.source.includes('next/link')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const local = root.find(j.ImportDeclaration, { source: { value: 'next/link' } }).find(j.ImportDefaultSpecifier).paths()[0]?.node.local?.name;
  if (!local) return undefined;
  let changed = false;
  root.find(j.JSXElement, { openingElement: { name: { name: local as string } } } as never).forEach((path: ASTPath<JSXElement>) => {
    const opening = path.node.openingElement;
    const children = (path.node.children ?? []).filter((child) => !(child.type === 'JSXText' && !child.value.trim()));
    const [child] = children;
    const anchor = children.length === 1 && child?.type === 'JSXElement' && child.openingElement.name.type === 'JSXIdentifier' && child.openingElement.name.name === 'a' ? child : null;
    const legacy = (opening.attributes ?? []).some((a) => attributeName(a) === 'legacyBehavior');
    if (legacy && !anchor) {
      addTodo(j, path as ASTPath, '`legacyBehavior` passes `href` and `onClick` to a child component: render the component inside `<Link>` (or use its `as` prop) and drop `legacyBehavior`');
      changed = true;
      return;
    }
    const dropped = (opening.attributes ?? []).filter((a) => attributeName(a) !== 'legacyBehavior' && attributeName(a) !== 'passHref');
    if (dropped.length !== (opening.attributes ?? []).length) changed = true;
    opening.attributes = dropped;
    if (anchor) {
      const names = new Set(dropped.map(attributeName));
      opening.attributes = [...dropped, ...(anchor.openingElement.attributes ?? []).filter((a) => attributeName(a) !== 'href' || !names.has('href'))];
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
