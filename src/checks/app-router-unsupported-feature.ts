import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { isNextConfigFile, memberName, propertyName } from '../engine/ast.ts';
import { isUnder, pagesEntry, routerDirsFor } from '../analysis/next-routes.ts';
import { isSourceFile } from '../project/load-project.ts';
import type { Project } from '../project/types.ts';

/** Which of the four blockers a file may hold, decided on its path alone. */
function roles(project: Project, file: string): { config: boolean; app: boolean; page: boolean } {
  const pages = routerDirsFor(project, file)?.pages ?? null;
  const entry = isUnder(pages, file) ? pagesEntry(pages, file) : null;
  return { config: isNextConfigFile(file), app: entry?.special === '_app', page: entry !== null };
}

export const FEATURES = {
  i18n: 'the `i18n` key in next.config: the App Router has no built-in locale routing (use a `[lang]` segment and middleware)',
  customServer:
    'a custom server (`next({ … })` from a Node script): App Router pages depend on features a custom server handles differently, and hosting changes',
  appGetInitialProps: '`getInitialProps` in `_app`: it has no App Router equivalent, and every page depends on what it returns',
  amp: 'AMP pages (`config.amp` or `next/amp`): the App Router does not support AMP',
} as const;

export default defineCheck({
  meta: {
    id: 'app-router-unsupported-feature',
    title: 'The app uses a Pages Router feature the App Router does not support',
    severity: 'low',
    category: 'routing',
    messages: {
      i18n: `The App Router does not support ${FEATURES.i18n}.`,
      customServer: `The App Router does not support ${FEATURES.customServer}.`,
      appGetInitialProps: `The App Router does not support ${FEATURES.appGetInitialProps}.`,
      amp: `The App Router does not support ${FEATURES.amp}.`,
    },
    docs: 'Four Pages Router features have no App Router counterpart: `i18n` in next.config, a custom server, `getInitialProps` in `_app`, and AMP. They work as they are, but `shipshape migrate app-router` stops on them (unless `--force`), because the migrated app would lose what they do. Replace them by hand first: a `[lang]` segment with middleware for i18n, `next start` for the server, data fetched in layouts instead of `_app`, and plain pages instead of AMP. The one exception: an `_app` `getInitialProps` that reads only the headers and cookies of the request is moved into the root layout by the migration, which then does not stop on it.',
    prefilter: (text, project, file) => {
      const role = roles(project, file);
      return (
        (role.config && text.includes('i18n')) ||
        (role.app && text.includes('getInitialProps')) ||
        (role.page && (text.includes('amp') || text.includes('next/amp'))) ||
        (/['"]next['"]/.test(text) && /\bnext\s*\(|createServer|listen\(/.test(text))
      );
    },
    files: isSourceFile,
    fix: null,
    finds:
      'what the App Router cannot do, each with its own message: `i18n` in `next.config`, a custom server (`next({ … })` from a Node script), `getInitialProps` in `_app`, AMP (`config.amp`, `next/amp`). It works as it is; `shipshape migrate app-router` stops on it unless `--force` (except an `_app` `getInitialProps` that reads only headers and cookies, which it moves into the root layout)',
    sources: [
      {
        title: 'Next.js: migrating from the Pages Router to the App Router',
        url: 'https://nextjs.org/docs/app/guides/migrating/app-router-migration',
      },
      { title: 'Next.js: internationalization in the App Router', url: 'https://nextjs.org/docs/app/guides/internationalization' },
    ],
  },
  check(ctx) {
    const role = roles(ctx.project, ctx.file.path);
    const nextFactories = new Set<string>();
    const report = (node: Node, feature: keyof typeof FEATURES) => ctx.report({ node, messageId: feature, data: { feature } });
    return {
      ImportDeclaration(declaration) {
        if (declaration.source.value === 'next') {
          for (const specifier of declaration.specifiers)
            if (specifier.type === 'ImportDefaultSpecifier') nextFactories.add(specifier.local.name);
        }
        if (role.page && declaration.source.value === 'next/amp') report(declaration, 'amp');
      },
      VariableDeclarator(declarator) {
        const init = declarator.init;
        if (
          declarator.id.type === 'Identifier' &&
          init?.type === 'CallExpression' &&
          init.callee.type === 'Identifier' &&
          init.callee.name === 'require'
        ) {
          const [argument] = init.arguments;
          if (argument?.type === 'StringLiteral' && argument.value === 'next') nextFactories.add(declarator.id.name);
        }
      },
      CallExpression(call) {
        if (call.callee.type === 'Identifier' && nextFactories.has(call.callee.name) && call.arguments[0]?.type === 'ObjectExpression')
          report(call, 'customServer');
      },
      ObjectProperty(property, ancestors) {
        const name = propertyName(property);
        if (role.config && name === 'i18n' && property.value.type === 'ObjectExpression') report(property, 'i18n');
        if (
          role.page &&
          name === 'amp' &&
          (property.value.type === 'BooleanLiteral'
            ? property.value.value
            : property.value.type === 'StringLiteral' && property.value.value === 'hybrid')
        ) {
          const declarator = ancestors.findLast((ancestor) => ancestor.type === 'VariableDeclarator');
          if (declarator?.id.type === 'Identifier' && declarator.id.name === 'config') report(property, 'amp');
        }
      },
      AssignmentExpression(assignment) {
        if (role.app && memberName(assignment.left) === 'getInitialProps') report(assignment, 'appGetInitialProps');
      },
      ClassMethod(method) {
        if (role.app && method.static && method.key.type === 'Identifier' && method.key.name === 'getInitialProps')
          report(method, 'appGetInitialProps');
      },
      ClassProperty(property) {
        if (role.app && property.static && property.key.type === 'Identifier' && property.key.name === 'getInitialProps')
          report(property, 'appGetInitialProps');
      },
    };
  },
});
