import type { API, FileInfo } from 'jscodeshift';
import type { RuleMeta, RuleOptions } from './lib/rules.ts';
import { convertDataPage } from './lib/data-page/convert.ts';
import { printSource } from '../../src/engine/print-style.ts';
import { sourceTree } from '../../src/engine/codemod.ts';
import { clientReason } from './use-client.ts';

export const meta: RuleMeta = {
  id: 'get-server-side-props',
  title: '`getServerSideProps` → an async server page',
  coverage: 'partial',
  description:
    "The page component becomes the async server page: it takes `params` (and `searchParams` when the function reads `query`; Promises since Next 15) and awaits the function, renamed to a local `load<Page>Data` that returns the props themselves, with `notFound` and `redirect` results as `notFound()` and `redirect()`/`permanentRedirect()` calls. A page component that needs the browser, or is used elsewhere, is rendered by a new async default export instead. `req.headers.x` and `req.cookies.x` (or `req.cookies[name]`) become `(await headers()).get(…)` and `(await cookies()).get(…)?.value`; `res.setHeader('Cache-Control', 's-maxage=N')` becomes `export const revalidate = N`, other `res` writes leave with a TODO that quotes them. Anything else read from the context (`locale`, `resolvedUrl`, the rest of `req`) gets a TODO.",
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: RuleOptions): string | undefined {
  if (!file.source.includes('getServerSideProps')) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  return convertDataPage(j, root, file.path, options, 'getServerSideProps', (component) => clientReason(j, j(component)) !== null)
    ? printSource(root, file.source, file.path)
    : undefined;
}
