import type { API, FileInfo } from 'jscodeshift';
import { convertDataPage, type RuleMeta, type RuleOptions } from '../../src/engine/app-router-rules.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { sourceTree } from '../../src/engine/codemod.ts';

export const meta: RuleMeta = {
  id: 'get-server-side-props',
  title: '`getServerSideProps` → an async server page',
  coverage: 'partial',
  description: 'The function stays as a helper; the new default export awaits `params` and `searchParams` (Promises since Next 15), passes them as `params` and `query`, turns `notFound` and `redirect` results into `notFound()` and `redirect()`/`permanentRedirect()`, and renders the page with the props. `req.headers.x` and `req.cookies.x` become `(await headers()).get(…)` and `(await cookies()).get(…)?.value`. Anything else read from the context (`res`, `locale`, `resolvedUrl`, the rest of `req`) gets a TODO.',
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!file.source.includes('getServerSideProps')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  return convertDataPage(j, root, file.path, options, 'getServerSideProps') ? printSource(root, file.source, file.path) : undefined;
}
