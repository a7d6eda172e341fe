import { defineProjectCheck } from './define.ts';
import { appEntry, nextApps, normaliseRoute, pagesEntry } from '../analysis/next-routes.ts';

export default defineProjectCheck({
  meta: {
    id: 'route-conflict',
    title: 'The same route is defined in pages/ and app/',
    severity: 'critical',
    category: 'routing',
    messages: {
      definedTwice:
        '{{route}} is defined twice, by {{file}} and {{appFile}}: `next build` fails with "Conflicting app and page file". Keep one of them.',
    },
    docs: 'When pages/ and app/ both define a route, `next build` stops with "Conflicting app and page file was found", and a dev server serves one of them at random. Dynamic segments count as the same route whatever their names (`[id]` and `[slug]`), and route groups such as `(marketing)` are not part of the URL. Keep one of the two files: `shipshape migrate app-router` never writes a route that pages/ still holds.',
    fix: null,
    finds:
      'a route defined both in `pages/` and in `app/` (`next build` fails with "Conflicting app and page file"). Dynamic segments match whatever their names (`[id]` = `[slug]`); route groups, slots and private folders are not part of the URL',
    sources: [
      {
        title: 'Next.js: migrating from the Pages Router to the App Router',
        url: 'https://nextjs.org/docs/app/guides/migrating/app-router-migration',
      },
      {
        title: 'Next.js: project structure (route groups, private folders)',
        url: 'https://nextjs.org/docs/app/getting-started/project-structure',
      },
    ],
  },
  check(ctx) {
    for (const app of nextApps(ctx.project)) {
      if (!app.pages || !app.app) continue;
      const appRoutes = new Map<string, string>();
      for (const file of ctx.project.files) {
        const entry = appEntry(app.app, file);
        if (entry) appRoutes.set(normaliseRoute(entry.route), entry.file);
      }
      for (const file of ctx.project.files) {
        const entry = pagesEntry(app.pages, file);
        if (!entry || entry.kind === 'shell' || entry.kind === 'error') continue;
        const other = appRoutes.get(normaliseRoute(entry.route));
        if (!other) continue;
        ctx.report({
          file,
          wholeFile: true,
          messageId: 'definedTwice',
          data: { route: entry.route, appFile: other, file },
        });
      }
    }
  },
});
