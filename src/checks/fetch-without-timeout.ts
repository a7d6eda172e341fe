import type { Expression } from '@babel/types';
import { defineCheck } from './define.ts';
import { FETCH_CALL_TEXT } from '../../transforms/meta/fetch-timeout.ts';
import { clientGraph, type ClientCodeFact } from '../analysis/client-graph.ts';
import {
  absoluteUrlOf,
  fetchResponseBinding,
  hasTimeoutSignal,
  isOkChecked,
  isServerDataFunction,
  moduleStringConstants,
} from '../analysis/fetch-calls.ts';

interface UnguardedFetch extends ClientCodeFact {
  messageId: 'noTimeoutOrOkCheck' | 'noTimeout' | 'noOkCheck';
  data: { hasSignal: boolean; okChecked: boolean; host: string };
}

export default defineCheck({
  meta: {
    id: 'fetch-without-timeout',
    title: 'External fetch without a timeout',
    severity: 'medium',
    category: 'data-access',
    messages: {
      noTimeoutOrOkCheck: 'fetch to {{host}} has no timeout (`signal`) and no `response.ok` check before the body is read.',
      noTimeout: 'fetch to {{host}} has no timeout (`signal`).',
      noOkCheck: 'fetch to {{host}} has no `response.ok` check before the body is read.',
    },
    docs: "`fetch` waits as long as the other service takes: when it hangs, every request that reaches this line hangs with it, holding a serverless instance or a connection until the platform kills it. Pass `signal: AbortSignal.timeout(ms)`, and check `response.ok` before reading the body, so a failure is a clear error rather than a JSON parse error on an HTML page. A fetch in browser code (a module only client code reaches, through the import graph, outside `getServerSideProps` and friends) holds only that visitor's tab, which the browser and the visitor bound, and is not reported.",
    prefilter: FETCH_CALL_TEXT,
    fix: 'fetch-timeout',
    clientGraph: true,
    finds:
      "a server-side `fetch` of an external absolute URL without a `signal`, or whose response body is read without a `response.ok` check. The URL may be a literal, a template (`` `https://api.x.com/v1/${id}` ``), a `const` anywhere in the module that holds one (`` `${BASE_URL}/items` ``), or an environment variable named for another service's API (`WEATHER_API_URL`, `OPENAI_BASE_URL`, `X_API_BASE_URL`, `X_API_ENDPOINT`); a bare `API_URL` or `BASE_URL`, and ones named for the app itself (`SITE_`, `APP_`, `NEXTAUTH_`, …), are taken to be the app's own server. Browser code is left alone: a module that only client code reaches through the import graph (`'use client'` modules, Pages Router components and what they import, Vite/CRA/Expo apps), outside `getServerSideProps` and friends, since there the visitor's browser and patience bound the wait; a module that an API route or other server code imports too is still reported",
    sources: [
      { title: 'MDN: AbortSignal.timeout()', url: 'https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static' },
      { title: 'MDN: Response.ok', url: 'https://developer.mozilla.org/en-US/docs/Web/API/Response/ok' },
    ],
  },
  check(ctx) {
    let constants = new Map<string, string>();
    return {
      Program(program) {
        constants = moduleStringConstants(program);
      },
      CallExpression(call, ancestors) {
        if (call.callee.type !== 'Identifier' || call.callee.name !== 'fetch') return;
        const url = absoluteUrlOf(call.arguments[0] as Expression | undefined, constants);
        if (!url) return;
        const hasSignal = hasTimeoutSignal(call.arguments[1] as Expression | undefined);
        const response = fetchResponseBinding(ancestors);
        const okChecked = response !== null && isOkChecked(response.name, response.scope);
        if (hasSignal && okChecked) return;
        ctx.collect({
          file: ctx.file.path,
          line: call.loc!.start.line,
          column: call.loc!.start.column + 1,
          serverSide: ancestors.some(isServerDataFunction),
          messageId: hasSignal ? 'noOkCheck' : okChecked ? 'noTimeout' : 'noTimeoutOrOkCheck',
          data: { hasSignal, okChecked, host: url.host },
        } satisfies UnguardedFetch);
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as UnguardedFetch[];
    if (facts.length === 0) return;
    const graph = clientGraph(ctx.project);
    // A module that a server entry (an API route, a server component, a script) also imports runs on the server too.
    const browserOnly = (file: string) => graph.isClient(file) && graph.entries(file).every((entry) => graph.isClient(entry));
    for (const fact of facts) {
      if (!fact.serverSide && browserOnly(fact.file)) continue;
      ctx.report({ file: fact.file, loc: { line: fact.line, column: fact.column }, messageId: fact.messageId, data: fact.data });
    }
  },
});
