import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { SERVER_EXPORTS, declared, pruneImports } from './split-page.ts';

/** What a `page` module may export: Next.js fails the build on any other value export ("not a valid Page export field"). */
const PAGE_EXPORTS = new Set(['default', ...SERVER_EXPORTS]);

type Statement = { type: string; [key: string]: unknown };

/**
 * A page's other value exports (`export const connectLinks = …`) move to a module beside the page,
 * with what they use, and the page imports them back from it. Null when the page has none.
 */
export function movePageExports(
  api: JSCodeshift,
  converted: string,
  target: string,
): { page: string; sibling: { file: string; content: string; names: Set<string> } } | null {
  const program = api(converted).find(api.Program).get().node as { body: Statement[] };
  const sourceOf = (n: unknown) => api(n as never).toSource();
  const isValueExport = (n: Statement) =>
    n.type === 'ExportNamedDeclaration' &&
    !!n.declaration &&
    !/^TS/.test((n.declaration as Statement).type) &&
    n.exportKind !== 'type' &&
    !(n.declaration as { declare?: boolean }).declare;
  const extra = program.body.filter(
    (n) => isValueExport(n) && declared(n).length > 0 && declared(n).every((name) => !PAGE_EXPORTS.has(name)),
  );
  if (extra.length === 0) return null;
  const names = new Set(extra.flatMap((n) => declared(n)));
  // What the moved exports use comes along (the page keeps its own copy where it uses it too).
  const helpers: Statement[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    const text = [...extra, ...helpers].map(sourceOf).join('\n');
    for (const n of program.body) {
      if (n.type === 'ImportDeclaration' || n.type === 'ExportDefaultDeclaration' || extra.includes(n) || helpers.includes(n)) continue;
      if (declared(n).some((name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(text))) {
        helpers.push(n);
        grew = true;
      }
    }
  }
  const imports = program.body.filter((n) => n.type === 'ImportDeclaration').map(sourceOf);
  const file = `${path.posix.dirname(target)}/page-exports${path.posix.extname(target)}`;
  const siblingCode = [imports.join('\n'), ...program.body.filter((n) => helpers.includes(n) || extra.includes(n)).map(sourceOf)].join(
    '\n\n',
  );
  const kept = program.body.filter((n) => n.type !== 'ImportDeclaration' && !extra.includes(n)).map(sourceOf);
  const keptText = kept.join('\n');
  const used = [...names].filter((name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(keptText));
  const pageImports = [...imports, ...(used.length > 0 ? [`import { ${used.join(', ')} } from './page-exports';`] : [])];
  const page = pruneImports(api, `${[pageImports.join('\n'), ...kept].join('\n\n')}\n`);
  return { page, sibling: { file, content: pruneImports(api, `${siblingCode}\n`), names } };
}
