import type { JSCodeshift } from 'jscodeshift';
import { ModuleResolver } from '../src/engine/module-graph.ts';
import { nextApps } from '../src/engine/next-routes.ts';
import type { ProjectTransformContext, TransformMeta } from '../src/engine/transform-types.ts';
import { convertReachable } from './migrate-app-router/client-boundaries.ts';
import { migrateApp } from './migrate-app-router/planner.ts';

export { APP_ROUTER_RULES, type AppRouterRule } from './app-router/index.ts';

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

let jscodeshift: JSCodeshift | null = null;

async function j(): Promise<JSCodeshift> {
  jscodeshift ??= (await import('jscodeshift')).default.withParser('tsx');
  return jscodeshift;
}

export async function plan({ project, changeset, options }: ProjectTransformContext): Promise<void> {
  const api = await j();
  for (const app of nextApps(project)) {
    if (app.pages) {
      migrateApp(api, project.root, project.files, app, changeset, options);
    } else if (app.app) {
      // Nothing to move: what app/ renders still gets `next/navigation` and its client boundaries.
      const files = project.files.filter((file) => changeset.read(file) !== null);
      const resolver = new ModuleResolver(project.root, (file) => files.includes(file));
      convertReachable(api, resolver, app.app, null, files, changeset);
    }
  }
}
