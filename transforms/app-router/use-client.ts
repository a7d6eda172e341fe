import type { API, ASTPath, FileInfo, JSCodeshift } from 'jscodeshift';
import { hasDirective, withUseClient, type RuleMeta, type RuleOptions } from './lib/rules.ts';
import { sourceTree } from '../../src/engine/codemod.ts';

export const meta: RuleMeta = {
  id: 'use-client',
  title: "`'use client'` where a component needs the browser",
  coverage: 'done',
  description:
    "A module that renders JSX and calls a hook (any `use…()` call: `useState`, `useEffect`, `useRef`, `useContext`, custom hooks; `use()` alone does not count), passes an event handler (`onClick={…}`) or a function to another component (a render prop, which cannot cross from the server to the client), hands a component to a `legacyBehavior` link (which clones it with an `onClick`), creates a context, or touches `window`, `document`, `localStorage`, `sessionStorage` or `navigator`, or renders a component of a package that needs the client but does not say so (`framer-motion`, `react-hot-toast`, `@headlessui/react`, Mantine 6's `@mantine/core`) gets `'use client'`. The migration splits a page that also needs the server (data, metadata, static params) into a server `page` and a client component.",
};

export const parser = 'tsx';

const BROWSER_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'navigator']);
/** Packages whose components call React's client APIs but whose builds do not say `'use client'`: a server component cannot render them. */
const CLIENT_ONLY_PACKAGES = new Set(['framer-motion', 'react-hot-toast', '@headlessui/react', '@mantine/core']);

/** The local names a module imports from a client-only package (`motion` from `framer-motion`). */
export function clientOnlyImports(j: JSCodeshift, root: ReturnType<JSCodeshift>): Set<string> {
  const names = new Set<string>();
  root.find(j.ImportDeclaration).forEach((p: ASTPath) => {
    const declaration = p.node as { source: { value: unknown }; specifiers?: Array<{ local?: { name?: unknown } | null }> };
    if (!CLIENT_ONLY_PACKAGES.has(String(declaration.source.value))) return;
    for (const specifier of declaration.specifiers ?? []) if (typeof specifier.local?.name === 'string') names.add(specifier.local.name);
  });
  return names;
}

function jsxRootName(name: { type: string; name?: unknown; object?: unknown }): string | null {
  if (name.type === 'JSXIdentifier') return String(name.name);
  if (name.type === 'JSXMemberExpression') return jsxRootName(name.object as never);
  return null;
}

/**
 * Why a module must run in the browser, or null. `clientOnly` names the module's imports from client-only
 * packages, for a part of a module that does not hold its imports.
 */
export function clientReason(
  j: JSCodeshift,
  root: ReturnType<JSCodeshift>,
  clientOnly: ReadonlySet<string> = clientOnlyImports(j, root),
): string | null {
  const hook = root.find(j.CallExpression).filter((p: ASTPath) => {
    const callee = (p.node as { callee: { type: string; name?: string; property?: { name?: string } } }).callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? callee.property?.name : undefined;
    return name !== undefined && /^use[A-Z]/.test(name);
  });
  if (hook.length > 0) return 'calls hooks';
  const clientOnlyElement = root
    .find(j.JSXOpeningElement)
    .filter((p: ASTPath) => clientOnly.has(jsxRootName((p.node as unknown as { name: never }).name) ?? ''));
  if (clientOnlyElement.length > 0) return 'renders a client-only package';
  if (
    root.find(j.CallExpression, { callee: { name: 'createContext' } }).length > 0 ||
    root.find(j.CallExpression, { callee: { property: { name: 'createContext' } } }).length > 0
  )
    return 'creates a context';
  const handler = root.find(j.JSXAttribute).filter((p: ASTPath) => {
    const attribute = p.node as { name: { name: unknown }; value?: { type: string } | null };
    return (
      typeof attribute.name.name === 'string' && /^on[A-Z]/.test(attribute.name.name) && attribute.value?.type === 'JSXExpressionContainer'
    );
  });
  if (handler.length > 0) return 'passes event handlers';
  // A function cannot cross from a server component into a client one, so a component that hands
  // functions to other components (render props, `renderPageLink={(n) => …}`) renders on the client.
  const functionProp = root.find(j.JSXAttribute).filter((p: ASTPath) => {
    const attribute = p.node as { value?: { type: string; expression?: { type: string } } | null };
    const element = (p.parent.node as { name: { type: string; name?: string } }).name;
    const component = element.type === 'JSXMemberExpression' || (element.type === 'JSXIdentifier' && /^[A-Z]/.test(element.name ?? ''));
    return (
      component &&
      attribute.value?.type === 'JSXExpressionContainer' &&
      /^(ArrowFunctionExpression|FunctionExpression)$/.test(attribute.value.expression?.type ?? '')
    );
  });
  if (functionProp.length > 0) return 'passes functions to components';
  // A `legacyBehavior` link clones its child with an `onClick`: a component child must render on the client.
  const legacyLink = root.find(j.JSXElement).filter((p: ASTPath) => {
    const element = p.node as {
      openingElement: { attributes?: Array<{ type: string; name?: { name?: unknown } }> };
      children?: Array<{ type: string; openingElement?: { name: { type: string; name?: string } } }>;
    };
    if (!(element.openingElement.attributes ?? []).some((a) => a.type === 'JSXAttribute' && a.name?.name === 'legacyBehavior'))
      return false;
    return (element.children ?? []).some(
      (c) =>
        c.type === 'JSXElement' && (c.openingElement!.name.type !== 'JSXIdentifier' || /^[A-Z]/.test(c.openingElement!.name.name ?? '')),
    );
  });
  if (legacyLink.length > 0) return 'hands a component to a `legacyBehavior` link';
  const browser = root.find(j.Identifier).filter((p: ASTPath) => {
    const name = (p.node as { name: string }).name;
    if (!BROWSER_GLOBALS.has(name)) return false;
    const parent = p.parent.node;
    if (parent.type === 'MemberExpression' && parent.property === p.node && !parent.computed) return false;
    if (parent.type === 'UnaryExpression' && parent.operator === 'typeof') return false;
    return !(parent.type === 'ObjectProperty' && parent.key === p.node);
  });
  if (browser.length > 0) return 'uses browser APIs';
  return null;
}

export default function transform(file: FileInfo, api: API, _options: RuleOptions): string | undefined {
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  if (hasDirective(j, root, 'use client') || hasDirective(j, root, 'use server')) return undefined;
  if (root.find(j.JSXElement).length + root.find(j.JSXFragment).length === 0 && !/\.(jsx|tsx)$/.test(file.path)) return undefined;
  if (!clientReason(j, root)) return undefined;
  return withUseClient(file.source);
}
