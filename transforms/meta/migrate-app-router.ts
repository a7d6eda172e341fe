import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'migrate-app-router',
  title: 'Move pages/ to the App Router',
  description:
    'Moves every page and API route from pages/ to app/ (`shipshape migrate app-router`), converting data fetching, `next/head`, `next/router`, links, API handlers, `_app`/`_document` and the error pages, and rewriting relative imports. A page leaves pages/ only when its replacement is written; `_app`, `_document`, `404`, `500` and `_error` go when no page is left. What it cannot convert stays with a `TODO(shipshape)` comment.',
  safe: false,
  questions: [
    { name: 'routes', message: 'Which routes to migrate (a glob over routes or files, empty for all)', type: 'string', default: '' },
    { name: 'keepPagesShell', message: 'Keep _app and _document while anything stays in pages/', type: 'boolean', default: false },
    { name: 'force', message: 'Migrate even when the app uses features the App Router does not support', type: 'boolean', default: false },
  ],
};
