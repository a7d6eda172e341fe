import type { Program } from '@babel/types';
import { defineCheck } from './define.ts';
import { routerDirs } from '../analysis/next-routes.ts';
import type { PackageInfo, Project } from '../project/types.ts';

/** `instrumentation.ts` at the app's root, or in `src/` when the app lives there. */
const INSTRUMENTATION = /(^|\/)(src\/)?instrumentation\.[cm]?[jt]s$/;

/** Packages whose job is to send server errors somewhere a person looks. */
const ERROR_TRACKERS = [
  /^@sentry\//,
  /^@highlight-run\//,
  /^@bugsnag\//,
  /^posthog-node$/,
  /^@axiomhq\//,
  /^next-axiom$/,
  /^@logtail\//,
  /^@datadog\//,
  /^dd-trace$/,
  /^rollbar$/,
  /^@rollbar\//,
  /^@honeybadger-io\//,
  /^@appsignal\//,
  /^newrelic$/,
  /^@baselime\//,
  /^@betterstack\//,
];

const HOOK = 'onRequestError';

interface Instrumentation {
  file: string;
  onRequestError: boolean;
}

/** `export function onRequestError`, `export const onRequestError = …` or `export { … as onRequestError }`. */
export function exportsRequestErrorHook(program: Program): boolean {
  return program.body.some((statement) => {
    if (statement.type !== 'ExportNamedDeclaration') return false;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration') return declaration.id?.name === HOOK;
    if (declaration?.type === 'VariableDeclaration')
      return declaration.declarations.some((declarator) => declarator.id.type === 'Identifier' && declarator.id.name === HOOK);
    return statement.specifiers.some((specifier) => specifier.exported.type === 'Identifier' && specifier.exported.name === HOOK);
  });
}

const declared = (pkg: PackageInfo) => Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });

/** The error-tracking packages a Next.js app declares. */
export function errorTrackers(pkg: PackageInfo): string[] {
  return declared(pkg).filter((name) => ERROR_TRACKERS.some((tracker) => tracker.test(name)));
}

/** Where the app's instrumentation file goes: beside `src/app` when the app is under `src/`. */
export function instrumentationDir(pkg: PackageInfo, appDir: string): string {
  const inSrc = appDir === (pkg.dir ? `${pkg.dir}/src/app` : 'src/app');
  return [pkg.dir, inSrc ? 'src' : ''].filter(Boolean).join('/');
}

const manifestOf = (pkg: PackageInfo) => (pkg.dir ? `${pkg.dir}/package.json` : 'package.json');

export function hasGlobalError(project: Project, appDir: string): boolean {
  return project.files.some((file) => file.startsWith(`${appDir}/global-error.`) && /\.[jt]sx?$/.test(file));
}

export default defineCheck({
  meta: {
    id: 'no-error-reporting',
    title: 'App Router app that reports no server errors',
    severity: 'low',
    category: 'errors',
    messages: {
      noReporting:
        '{{manifest}}: the App Router app has no `onRequestError` in an instrumentation file and no error-tracking SDK: errors in production show only in the host’s raw logs, and nobody is told.',
      sentryWithoutRequestHook:
        '{{manifest}}: `@sentry/nextjs` is installed but no instrumentation file exports `onRequestError = Sentry.captureRequestError`, so errors in server components, route handlers and actions never reach Sentry.',
      noGlobalError:
        '{{appDir}} has no `global-error`: an error in the root layout replaces the whole page with Next.js’s bare default screen, with no way to retry.',
    },
    docs: 'Next.js calls `onRequestError`, exported from `instrumentation.ts`, for every error thrown while it renders a page, runs a route handler or a server action: that is where an app reports its failures. Without it, or an error-tracking SDK that hooks in, a failing payment or sign-up is found when a customer complains. `app/global-error` is the last error boundary: without it an error in the root layout shows a blank default page.',
    files: (file) => INSTRUMENTATION.test(file),
    prefilter: ['onRequestError'],
    fix: 'add-error-reporting',
    finds:
      'a Next.js package with an App Router folder (`app/` or `src/app/`) and neither an `instrumentation` file that exports `onRequestError` nor an error-tracking package (`@sentry/*`, `@highlight-run/*`, `@bugsnag/*`, `posthog-node`, `@axiomhq/*`, `next-axiom`, `@logtail/*`, `@datadog/*`, `dd-trace`, `rollbar`, `@honeybadger-io/*`, `@appsignal/*`, `newrelic`, `@baselime/*`, `@betterstack/*`); `@sentry/nextjs` without `onRequestError` in the instrumentation file, which Sentry needs to see server errors; and an App Router folder without `global-error`. `posthog-js` alone is analytics in the browser and does not count',
    sources: [
      {
        title: 'Next.js: instrumentation.js (onRequestError)',
        url: 'https://nextjs.org/docs/app/api-reference/file-conventions/instrumentation',
      },
      { title: 'Next.js: error.js and global-error.js', url: 'https://nextjs.org/docs/app/api-reference/file-conventions/error' },
      { title: 'Sentry: Next.js manual setup', url: 'https://docs.sentry.io/platforms/javascript/guides/nextjs/manual-setup/' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        ctx.collect({ file: ctx.file.path, onRequestError: exportsRequestErrorHook(program) } satisfies Instrumentation);
      },
    };
  },
  finish(ctx) {
    const hooked = new Set((ctx.facts as Instrumentation[]).filter((fact) => fact.onRequestError).map((fact) => fact.file));
    for (const pkg of ctx.project.packages) {
      const appDir = pkg.next ? routerDirs(pkg).app : null;
      if (!appDir) continue;
      const dir = instrumentationDir(pkg, appDir);
      const hasHook = [...hooked].some((file) => file.replace(/\/?instrumentation\.[cm]?[jt]s$/, '') === dir);
      const manifest = manifestOf(pkg);
      const trackers = errorTrackers(pkg);
      if (!hasHook && trackers.includes('@sentry/nextjs'))
        ctx.report({ file: manifest, wholeFile: true, messageId: 'sentryWithoutRequestHook', data: { manifest, dir } });
      else if (!hasHook && trackers.length === 0)
        ctx.report({ file: manifest, wholeFile: true, messageId: 'noReporting', data: { manifest, dir } });
      if (!hasGlobalError(ctx.project, appDir))
        ctx.report({ file: manifest, wholeFile: true, messageId: 'noGlobalError', data: { manifest, appDir } });
    }
  },
});
