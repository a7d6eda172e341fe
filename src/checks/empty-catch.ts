import type { CatchClause, TryStatement } from '@babel/types';
import { defineCheck } from './define.ts';
import { clientGraph, type ClientCodeFact } from '../analysis/client-graph.ts';
import { isServerDataFunction, runsInBrowser } from '../analysis/fetch-calls.ts';
import { isLoggingCall, onlyParses, signalsFailure, someNode, usesCaughtError } from '../analysis/error-handling.ts';

interface SwallowedError extends ClientCodeFact {
  messageId: 'empty' | 'swallowed';
}

/** What a catch does that counts as handling the error: rethrow, log, or tell the caller it failed. */
function handles(clause: CatchClause): boolean {
  return (
    usesCaughtError(clause) ||
    someNode(clause.body, (node) => node.type === 'ThrowStatement' || isLoggingCall(node) || signalsFailure(node))
  );
}

export default defineCheck({
  meta: {
    id: 'empty-catch',
    title: 'Server error caught and dropped',
    severity: 'medium',
    category: 'errors',
    messages: {
      empty: 'Empty `catch`: a failure here is dropped without a trace. Log it, rethrow it, or answer an error status.',
      swallowed:
        'This `catch` neither rethrows, logs nor answers an error status: the caller is told it worked and nobody learns that it failed.',
    },
    docs: 'A `catch` that drops the error turns a failure (a payment write, an email, a database call) into silence: the request answers as if it worked and nothing reaches the logs, so the failure is found when a customer complains. Log the error with its context, rethrow it, or answer an error status. A deliberate best-effort `catch` says so in a comment inside the block.',
    prefilter: ['catch'],
    fix: null,
    clientGraph: true,
    finds:
      "a `catch` in server code (route handlers, API routes, server actions, server components and the modules they import; not modules only browser code reaches) whose block is empty, or that neither rethrows, logs (`console.*`, a logger, `Sentry.captureException`, any call named like log/report/capture), reads the error, nor signals failure (a status of 400 or more, an `error` key or `success: false`, `notFound()` or `{ notFound: true }`, a redirect, `reject()`). Not reported: an empty block with a comment inside (`catch { /* best effort: the cache is optional */ }`), the decision written down, as ESLint's `no-empty` allows; and a fallback after code that only parses or verifies (`JSON.parse`, `new URL`, `jwt.verify`, `schema.parse`, `req.json()`, `fs.readFile`, `localStorage.getItem`), where the catch's default value is the answer",
    sources: [
      { title: 'MDN: try...catch', url: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/try...catch' },
      { title: 'ESLint: no-empty (allowEmptyCatch and comments)', url: 'https://eslint.org/docs/latest/rules/no-empty' },
    ],
  },
  check(ctx) {
    let browser = false;
    return {
      Program(program) {
        browser = runsInBrowser(ctx.file.path, program);
      },
      CatchClause(clause, ancestors) {
        const serverSide = ancestors.some(isServerDataFunction);
        if (browser && !serverSide) return;
        const body = clause.body;
        const inner = ctx.file.text.slice(body.start! + 1, body.end! - 1);
        const empty = body.body.length === 0;
        if (empty && inner.trim() !== '') return;
        if (!empty && handles(clause)) return;
        if (onlyParses((ancestors.at(-1) as TryStatement).block)) return;
        ctx.collect({
          file: ctx.file.path,
          line: clause.loc!.start.line,
          column: clause.loc!.start.column + 1,
          serverSide,
          messageId: empty ? 'empty' : 'swallowed',
        } satisfies SwallowedError);
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as SwallowedError[];
    if (facts.length === 0) return;
    const graph = clientGraph(ctx.project);
    const browserOnly = (file: string) => graph.isClient(file) && graph.entries(file).every((entry) => graph.isClient(entry));
    for (const fact of facts) {
      if (!fact.serverSide && browserOnly(fact.file)) continue;
      ctx.report({ file: fact.file, loc: { line: fact.line, column: fact.column }, messageId: fact.messageId });
    }
  },
});
