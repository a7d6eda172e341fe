import type { JSCodeshift } from 'jscodeshift';
import { ModuleResolver } from '../src/analysis/module-graph.ts';
import { nextApps } from '../src/analysis/next-routes.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { convertReachable } from './migrate-app-router/client-boundaries.ts';
import { migrateApp } from './migrate-app-router/planner.ts';
import { newFileText } from '../src/engine/project-style.ts';

export { APP_ROUTER_RULES, type AppRouterRule } from './app-router/index.ts';

export { meta } from './meta/migrate-app-router.ts';

let jscodeshift: JSCodeshift | null = null;

async function j(): Promise<JSCodeshift> {
  jscodeshift ??= (await import('jscodeshift')).default.withParser('tsx');
  return jscodeshift;
}

export async function plan({ project, changeset, options }: ProjectTransformContext): Promise<void> {
  const api = await j();
  for (const app of nextApps(project)) {
    if (app.pages) {
      for (const file of migrateApp(api, project.root, project.files, app, changeset, options)) {
        changeset.write(file, await newFileText(project, file, changeset.read(file)!));
      }
    } else if (app.app) {
      // Nothing to move: what app/ renders still gets `next/navigation` and its client boundaries.
      const files = project.files.filter((file) => changeset.read(file) !== null);
      const resolver = new ModuleResolver(project.root, (file) => files.includes(file));
      convertReachable(api, resolver, app.app, null, files, changeset);
    }
  }
}
