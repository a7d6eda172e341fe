import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { declared } from './split-page.ts';

/** Declarations the rules replace by design: the data functions become the page and `generateStaticParams`. */
const CONVERTED = new Set(['getStaticProps', 'getServerSideProps', 'getStaticPaths']);
/** Elements the rules turn into something else: `next/head` and `next-seo` into metadata. */
const CONSUMED = new Set(['Head', 'NextSeo', 'DefaultSeo']);
const HTTP_METHOD_EXPORT =
  /export\s+(?:async\s+)?(?:function\s+|const\s+)(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|\bas\s+(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;

interface Inventory {
  declarations: Set<string>;
  elements: Map<string, number>;
  defaultName: string | null;
}

function elementName(name: { type: string; name?: unknown; object?: unknown; property?: { name?: string } }): string {
  if (name.type === 'JSXIdentifier') return String(name.name);
  if (name.type === 'JSXMemberExpression') return `${elementName(name.object as never)}.${name.property?.name}`;
  return 'namespaced';
}

function inventory(api: JSCodeshift, source: string): Inventory {
  const root = api(source);
  const body = root.find(api.Program).get().node.body as Array<{ type: string; [key: string]: unknown }>;
  const declarations = new Set(body.flatMap((n) => declared(n)));
  const defaultStatement = body.find((n) => n.type === 'ExportDefaultDeclaration');
  const exported = defaultStatement?.declaration as { type: string; name?: string } | undefined;
  const defaultName = exported?.type === 'Identifier' ? exported.name! : defaultStatement ? (declared(defaultStatement)[0] ?? null) : null;
  const elements = new Map<string, number>();
  root.find(api.JSXElement).forEach((p: ASTPath) => {
    const name = elementName((p.node as unknown as { openingElement: { name: never } }).openingElement.name);
    // What a `<Head>` holds becomes metadata, and a link's child element merges into the link.
    for (let up = p.parent as ASTPath | null; up; up = up.parent as ASTPath | null) {
      if (
        up.node.type === 'JSXElement' &&
        CONSUMED.has(elementName((up.node as unknown as { openingElement: { name: never } }).openingElement.name))
      )
        return;
    }
    const parent = p.parent?.node as { type: string; openingElement?: { name: never } } | undefined;
    if (parent?.type === 'JSXElement' && elementName(parent.openingElement!.name) === 'Link') return;
    if (CONSUMED.has(name)) return;
    elements.set(name, (elements.get(name) ?? 0) + 1);
  });
  return { declarations, elements, defaultName };
}

/**
 * What a moved module's conversion would lose: each top-level declaration and JSX element of the
 * original must be in one of the outputs (the page, its client module, a sibling), or be named in a
 * `TODO(shipshape)` there. Empty when nothing is lost.
 */
export function droppedCode(api: JSCodeshift, original: string, outputs: readonly string[]): string[] {
  const before = inventory(api, original);
  const after = outputs.map((output) => inventory(api, output));
  const todos = outputs.flatMap((output) => output.split('\n').filter((line) => line.includes('TODO(shipshape)'))).join('\n');
  const named = (name: string) => new RegExp(`(?<![\\w$])${name.replace(/\./g, '\\.')}(?![\\w$])`).test(todos);
  const lost: string[] = [];
  const handlerConverted = outputs.some((output) => HTTP_METHOD_EXPORT.test(output));
  for (const name of before.declarations) {
    if (CONVERTED.has(name) || after.some((a) => a.declarations.has(name)) || named(name)) continue;
    if (name === before.defaultName && handlerConverted) continue;
    // An Edge API route's `config` becomes the route's segment config (`runtime`, `preferredRegion`).
    if (name === 'config' && handlerConverted && /export\s+const\s+runtime\b/.test(outputs.join('\n'))) continue;
    lost.push(`\`${name}\``);
  }
  for (const [name, count] of before.elements) {
    const kept = after.reduce((sum, a) => sum + (a.elements.get(name) ?? 0), 0);
    if (kept < count && !named(name)) lost.push(`${count - kept} of ${count} \`<${name}>\` element(s)`);
  }
  return lost;
}
