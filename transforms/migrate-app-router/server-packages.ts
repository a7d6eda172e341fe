import type { JSCodeshift } from 'jscodeshift';
import type { Changeset } from '../../src/engine/changeset.ts';
import { TextEdits } from '../../src/engine/codemod.ts';
import { importSites, type ModuleResolver } from '../../src/analysis/module-graph.ts';
import { isSourceFile } from '../../src/project/load-project.ts';

/**
 * Native or dynamically loaded packages that the App Router's bundler breaks unless they stay
 * external, and that Next.js does not already keep external (its own list is
 * `next/dist/lib/server-external-packages.jsonc`: puppeteer, sharp, canvas, bcrypt and more).
 */
const SERVER_EXTERNAL = [
  'chrome-aws-lambda',
  'puppeteer-extra',
  'puppeteer-extra-plugin-stealth',
  '@napi-rs/canvas',
  '@resvg/resvg-js',
  'ffmpeg-static',
  // Their bundled builds touch `document` as they load, which fails when a client page prerenders on the server;
  // their CommonJS entry, which the Pages Router loaded unbundled, does not.
  'plyr',
  'plyr-react',
];

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** A package of SERVER_EXTERNAL that a specifier names. */
export const serverExternal = (specifier: string): string | null =>
  SERVER_EXTERNAL.includes(packageName(specifier)) ? packageName(specifier) : null;

/** The packages (or package entry points, `react-dom/server`) `wanted` picks that modules reach, through the project's own modules. */
export function packagesReached(
  api: JSCodeshift,
  resolver: ModuleResolver,
  modules: ReadonlyArray<{ file: string; content: string }>,
  read: (file: string) => string | null,
  wanted: (specifier: string) => string | null,
): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const queue = [...modules];
  while (queue.length > 0) {
    const { file, content } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const site of importSites(api, content)) {
      const resolved = resolver.resolve(file, site.specifier);
      if (resolved) {
        const text = isSourceFile(resolved.file) ? read(resolved.file) : null;
        if (text !== null) queue.push({ file: resolved.file, content: text });
      } else {
        const name = wanted(site.specifier);
        if (name) found.add(name);
      }
    }
  }
  return [...found].sort();
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** The object literal a Next.js config module exports, through a variable and a `withX(…)` wrapper. */
function configObject(api: JSCodeshift, source: string): Node | null {
  const root = api(source);
  const body = root.find(api.Program).get().node.body as Node[];
  let value: Node | null = null;
  for (const n of body) {
    if (n.type === 'ExportDefaultDeclaration') value = n.declaration as Node;
    const expression = n.type === 'ExpressionStatement' ? (n.expression as Node) : null;
    if (expression?.type === 'AssignmentExpression' && api(expression.left as never).toSource() === 'module.exports')
      value = expression.right as Node;
  }
  const seen = new Set<Node>();
  while (value && !seen.has(value)) {
    seen.add(value);
    if (value.type === 'ObjectExpression') return value;
    if (/^(TSSatisfiesExpression|TSAsExpression|ParenthesizedExpression)$/.test(value.type)) value = value.expression as Node;
    else if (value.type === 'CallExpression')
      value = ((value.arguments as Node[]).find((a) => a.type === 'ObjectExpression' || a.type === 'Identifier') ?? null) as Node | null;
    else if (value.type === 'Identifier') {
      const name = value.name as string;
      const declarator = root.find(api.VariableDeclarator, { id: { type: 'Identifier', name } }).nodes()[0] as unknown as
        { init?: Node } | undefined;
      value = declarator?.init ?? null;
    } else return null;
  }
  return null;
}

/** Adds packages to `serverExternalPackages` in the app's next.config (a new one if it has none), or says what to add by hand. */
export function keepPackagesExternal(
  api: JSCodeshift,
  changeset: Changeset,
  appDir: string,
  packages: readonly string[],
  files: ReadonlySet<string>,
): void {
  if (packages.length === 0) return;
  const list = packages.map((name) => `'${name}'`).join(', ');
  const configFile = ['js', 'mjs', 'ts', 'cjs', 'mts']
    .map((ext) => (appDir ? `${appDir}/next.config.${ext}` : `next.config.${ext}`))
    .find((file) => files.has(file) && changeset.read(file) !== null);
  if (!configFile) {
    changeset.write(
      appDir ? `${appDir}/next.config.mjs` : 'next.config.mjs',
      `/** @type {import('next').NextConfig} */\nconst nextConfig = {\n  serverExternalPackages: [${list}],\n};\n\nexport default nextConfig;\n`,
    );
    return;
  }
  const source = changeset.read(configFile);
  const object = source !== null ? configObject(api, source) : null;
  if (source === null || !object) {
    changeset.followUp({
      kind: 'manual',
      message: `add ${list} to \`serverExternalPackages\` in next.config: the App Router bundles server code and prerenders client pages, and these packages only work unbundled`,
    });
    return;
  }
  const edits = new TextEdits(source, configFile);
  const properties = object.properties as Node[];
  const existing = properties.find(
    (p) =>
      p.type === 'ObjectProperty' &&
      ((p.key as { name?: string; value?: string }).name ?? (p.key as { value?: string }).value) === 'serverExternalPackages',
  );
  if (!existing) {
    edits.appendProperty(object as never, `serverExternalPackages: [${list}]`);
  } else {
    const array = existing.value as Node;
    const listed = array.type === 'ArrayExpression' ? (array.elements as Node[]).map((e) => e?.value) : null;
    const missing = packages.filter((name) => listed && !listed.includes(name));
    if (!listed) {
      changeset.followUp({ kind: 'manual', message: `add ${list} to \`serverExternalPackages\` in ${configFile}` });
      return;
    }
    if (missing.length === 0) return;
    const additions = missing.map((name) => `'${name}'`).join(', ');
    if (listed.length === 0) edits.replace(array.start, array.end, `[${additions}]`);
    else edits.appendProperty({ ...array, properties: array.elements } as never, additions);
  }
  changeset.write(configFile, edits.apply());
}

/** React refuses `react-dom/server` in a server component: a server page that reaches it is named, since what rendered HTML at build time must render JSX, or run in a route handler. */
export function reportReactDomServer(
  api: JSCodeshift,
  resolver: ModuleResolver,
  changeset: Changeset,
  pages: ReadonlyArray<{ entry: { kind: string }; target: string; content: string }>,
  read: (file: string) => string | null,
): void {
  const serverPages = pages.filter(
    (p) => p.entry.kind === 'page' && !/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/.test(p.content),
  );
  for (const page of serverPages) {
    const modules = [{ file: page.target, content: page.content }];
    if (packagesReached(api, resolver, modules, read, (s) => (s === 'react-dom/server' ? s : null)).length === 0) continue;
    changeset.followUp({
      kind: 'manual',
      message: `${page.target} reaches \`react-dom/server\`, which a server component cannot import: render the component instead of its HTML string, or move that code into a route handler`,
    });
  }
}
