import type { CallExpression, Expression, Node, Program } from '@babel/types';
import { defineCheck } from './define.ts';
import { absoluteUrlOf, fetchResponseBinding, hasTimeoutSignal, isOkChecked, isServerDataFunction, moduleStringConstants, runsInBrowser } from '../engine/fetch-calls.ts';

export default defineCheck({
  meta: {
    id: 'fetch-without-timeout',
    title: 'External fetch without a timeout',
    severity: 'medium',
    category: 'data-access',
    docs: '`fetch` waits as long as the other service takes: when it hangs, every request that reaches this line hangs with it, holding a serverless instance or a connection until the platform kills it. Pass `signal: AbortSignal.timeout(ms)`, and check `response.ok` before reading the body, so a failure is a clear error rather than a JSON parse error on an HTML page.',
    prefilter: ['fetch('],
    fix: 'fetch-timeout',
  },
  check(ctx) {
    let constants = new Map<string, string>();
    let browserFile = false;
    return {
      Program(node: Node) {
        constants = moduleStringConstants(node as Program);
        browserFile = runsInBrowser(ctx.file.path, node as Program);
      },
      CallExpression(node: Node, ancestors: readonly Node[]) {
        const call = node as CallExpression;
        if (call.callee.type !== 'Identifier' || call.callee.name !== 'fetch') return;
        const url = absoluteUrlOf(call.arguments[0] as Expression | undefined, constants);
        if (!url) return;
        if (browserFile && !ancestors.some(isServerDataFunction)) return;
        const hasSignal = hasTimeoutSignal(call.arguments[1] as Expression | undefined);
        const response = fetchResponseBinding(ancestors);
        const okChecked = response !== null && isOkChecked(response.name, response.scope);
        if (hasSignal && okChecked) return;
        const missing = [hasSignal ? null : 'no timeout (`signal`)', okChecked ? null : 'no `response.ok` check before the body is read'].filter(Boolean);
        ctx.report({ node: call, message: `fetch to ${url.host} has ${missing.join(' and ')}.`, data: { hasSignal, okChecked } });
      },
    };
  },
});
