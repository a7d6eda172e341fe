import { defineCheck } from './define.ts';
import { isUnder, pagesEntry, routerDirsFor } from '../analysis/next-routes.ts';
import { isSourceFile } from '../project/load-project.ts';

/** What `next/navigation` offers only inside the App Router; `usePathname`, `useSearchParams` and `useParams` also work in pages/. */
const APP_ROUTER_ONLY: Record<string, string> = {
  useRouter: 'throws "invariant expected app router to be mounted"',
  redirect: "throws outside the App Router's render",
  permanentRedirect: "throws outside the App Router's render",
  notFound: "throws outside the App Router's render",
  useSelectedLayoutSegment: 'has no layouts to read in pages/',
  useSelectedLayoutSegments: 'has no layouts to read in pages/',
  useServerInsertedHTML: 'has no effect in pages/',
};

export default defineCheck({
  meta: {
    id: 'next-navigation-in-pages',
    title: 'App Router API from `next/navigation` used in a pages/ page',
    severity: 'high',
    category: 'routing',
    messages: {
      appRouterOnly: '`{{name}}` from `next/navigation` {{effect}} in a pages/ page. Use `next/router` here, or move the page to app/.',
    },
    docs: 'Pages under pages/ run in the Pages Router, where `useRouter`, `redirect` and `notFound` from `next/navigation` throw because the App Router is not mounted. Use `next/router` there (or `next/compat/router` in components shared by both routers), or move the page to app/.',
    prefilter: (text, project, file) => {
      const pages = routerDirsFor(project, file)?.pages ?? null;
      return text.includes('next/navigation') && isUnder(pages, file) && pagesEntry(pages, file) !== null;
    },
    files: isSourceFile,
    fix: 'migrate-app-router',
    finds:
      "`useRouter`, `redirect`, `notFound`, `permanentRedirect` or the layout-segment hooks from `next/navigation` in a `pages/` page, where they throw; `usePathname`, `useSearchParams` and `useParams` work in both routers and don't count",
    sources: [
      { title: 'Next.js: useRouter from next/navigation', url: 'https://nextjs.org/docs/app/api-reference/functions/use-router' },
      {
        title: 'Next.js: migrating from the Pages Router to the App Router',
        url: 'https://nextjs.org/docs/app/guides/migrating/app-router-migration',
      },
    ],
  },
  check(ctx) {
    return {
      ImportDeclaration(declaration) {
        if (declaration.source.value !== 'next/navigation') return;
        for (const specifier of declaration.specifiers) {
          if (specifier.type !== 'ImportSpecifier') continue;
          const name = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
          const effect = APP_ROUTER_ONLY[name];
          if (effect)
            ctx.report({
              node: specifier,
              messageId: 'appRouterOnly',
              data: { name, effect },
            });
        }
      },
    };
  },
});
