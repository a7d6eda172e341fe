import type { JSCodeshift } from 'jscodeshift';
import type { RuleMeta } from './lib/rules.ts';
import type { FileTransformFn } from '../../src/engine/transform-types.ts';
import * as apiRouteHandler from './api-route-handler.ts';
import * as appToProviders from './app-to-providers.ts';
import * as documentToLayout from './document-to-layout.ts';
import * as errorPage from './error-page.ts';
import * as getServerSideProps from './get-server-side-props.ts';
import * as getStaticPaths from './get-static-paths.ts';
import * as getStaticProps from './get-static-props.ts';
import * as linkWithoutAnchor from './link-without-anchor.ts';
import * as nextHeadToMetadata from './next-head-to-metadata.ts';
import * as nextRouterToNavigation from './next-router-to-navigation.ts';
import * as pageLayout from './page-layout.ts';
import * as useClient from './use-client.ts';
import { PlanFailure } from '../migrate-app-router/failure.ts';

export interface AppRouterRule {
  meta: RuleMeta;
  transform: FileTransformFn;
}

const rule = (module: { meta: RuleMeta; default: unknown }): AppRouterRule => ({
  meta: module.meta,
  transform: module.default as FileTransformFn,
});

/** The conversion rules, in the order they apply to a page. */
export const APP_ROUTER_RULES: readonly AppRouterRule[] = [
  rule(getStaticPaths),
  rule(getServerSideProps),
  rule(getStaticProps),
  rule(pageLayout),
  rule(nextHeadToMetadata),
  rule(nextRouterToNavigation),
  rule(linkWithoutAnchor),
  rule(useClient),
  rule(apiRouteHandler),
  rule(appToProviders),
  rule(documentToLayout),
  rule(errorPage),
];

/** The rules a page goes through, in order. */
export const PAGE_RULES = [
  'get-static-paths',
  'get-server-side-props',
  'get-static-props',
  'page-layout',
  'next-head-to-metadata',
  'next-router-to-navigation',
  'link-without-anchor',
];

/** Runs rules over a source in order; each sees the one before's output. */
export function applyRules(
  api: JSCodeshift,
  ids: readonly string[],
  file: string,
  source: string,
  options: Record<string, unknown>,
): string {
  let current = source;
  for (const id of ids) {
    const found = APP_ROUTER_RULES.find((r) => r.meta.id === id)!;
    let output: string | null | undefined;
    try {
      output = found.transform(
        { path: file, source: current },
        { j: api, jscodeshift: api, stats: () => {}, report: () => {} },
        options as never,
      );
    } catch (error) {
      throw new PlanFailure(file, `the \`${id}\` rule failed on it: ${String((error as Error).message).split('\n')[0]}`, true);
    }
    if (typeof output === 'string') current = output;
  }
  return current;
}
