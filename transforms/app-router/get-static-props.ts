import type { API, FileInfo } from 'jscodeshift';
import type { RuleMeta, RuleOptions } from './lib/rules.ts';
import { convertDataPage } from './lib/data-page/convert.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { sourceTree } from '../../src/engine/codemod.ts';
import { clientReason } from './use-client.ts';

export const meta: RuleMeta = {
  id: 'get-static-props',
  title: '`getStaticProps` → an async server page with `revalidate`',
  coverage: 'partial',
  description:
    'Like `get-server-side-props`, without `searchParams`: the page stays static. A literal `revalidate: N` in the results becomes `export const revalidate = N`; `notFound` and `redirect` results become `notFound()` and `redirect()`. Results the page cannot take as props (a computed `revalidate`, a result held in a variable) keep the `{ props }` shape, checked by the page. A computed `revalidate`, `preview`/`draftMode` and locale fields get a TODO.',
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!file.source.includes('getStaticProps')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  return convertDataPage(j, root, file.path, options, 'getStaticProps', (component) => clientReason(j, j(component)) !== null)
    ? printSource(root, file.source, file.path)
    : undefined;
}
