import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { isUnder, routerDirsFor } from '../analysis/next-routes.ts';
import { isSourceFile } from '../project/load-project.ts';

export default defineCheck({
  meta: {
    id: 'next-router-in-app-dir',
    title: '`next/router` used under app/',
    severity: 'high',
    category: 'routing',
    messages: {
      pagesRouterUnderApp:
        '`next/router` is imported under app/, where its router is never mounted: `useRouter()` throws "NextRouter was not mounted". Use `next/navigation`.',
    },
    docs: 'The Pages Router\'s `next/router` is not mounted in the App Router: `useRouter()` from it throws "NextRouter was not mounted" when the page renders. Under app/ use `useRouter`, `usePathname`, `useSearchParams` and `useParams` from `next/navigation`; a component shared by both routers can use `next/compat/router`.',
    prefilter: (text, project, file) => text.includes('next/router') && isUnder(routerDirsFor(project, file)?.app ?? null, file),
    files: isSourceFile,
    fix: 'migrate-app-router',
    finds: '`next/router` imported (or required) by a file under `app/`, where its router is never mounted ("NextRouter was not mounted")',
    sources: [
      { title: 'Next.js: NextRouter was not mounted', url: 'https://nextjs.org/docs/messages/next-router-not-mounted' },
      {
        title: 'Next.js: migrating from the Pages Router to the App Router',
        url: 'https://nextjs.org/docs/app/guides/migrating/app-router-migration',
      },
    ],
  },
  check(ctx) {
    const report = (node: Node) => ctx.report({ node, messageId: 'pagesRouterUnderApp' });
    return {
      ImportDeclaration(declaration) {
        if (declaration.source.value === 'next/router') report(declaration);
      },
      CallExpression(call) {
        const [argument] = call.arguments;
        if (
          call.callee.type === 'Identifier' &&
          call.callee.name === 'require' &&
          argument?.type === 'StringLiteral' &&
          argument.value === 'next/router'
        )
          report(call);
      },
    };
  },
});
