import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { RETRY_PREFILTER } from '../../transforms/meta/bounded-retry.ts';
import { RETRYING_SDKS, majorVersion, retryLoops, type RetryFault, type RetryLoop } from '../analysis/retry-loops.ts';
import { packageFor } from '../project/packages.ts';

/** Each fault in a few words, for the other faults a finding lists after its main one. */
const SHORT: Record<RetryFault, string> = {
  unbounded: 'no attempt limit',
  sdkRetriesToo: 'the SDK retries each attempt itself',
  retries4xx: 'it retries 4xx answers',
  ignoresRetryAfter: 'it ignores `Retry-After`',
  noDelay: 'no wait between attempts',
  fixedDelay: 'a fixed wait without jitter',
};

function calleeText(loop: RetryLoop, source: string): string {
  const callee = loop.attempt.callee as Node;
  const text = source.slice(callee.start!, callee.end!).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export default defineCheck({
  meta: {
    id: 'retry-without-backoff',
    title: 'Hand-written retry without a limit, backoff or Retry-After',
    severity: 'medium',
    category: 'errors',
    messages: {
      unbounded:
        'This retry around `{{call}}` has no attempt limit: while the service is down it calls it again and again, holding the request open and adding to the load that brought the service down.{{also}}',
      sdkRetriesToo:
        'The {{sdk}} client already retries `{{call}}` {{sdkRetries}} times on its own (`{{option}}`), so each attempt of this retry is up to {{perAttempt}} calls: the attempts multiply. Let the SDK retry and drop the hand-written one.{{also}}',
      retries4xx:
        'This retry around `{{call}}` also retries 4xx answers (a bad request, a wrong key, a missing record): they fail the same way every time. Retry only network errors, 5xx and 429.{{also}}',
      ignoresRetryAfter:
        'This retry around `{{call}}` retries 429 answers without reading `Retry-After`: the service said how long to wait, and a call before then is refused again.{{also}}',
      noDelay:
        'This retry calls `{{call}}` again at once, with no wait between attempts: every attempt lands while the service is still failing.{{also}}',
      fixedDelay:
        'This retry waits a fixed time between calls to `{{call}}`, without backoff or jitter: every instance that failed together retries together.{{also}}',
    },
    docs: "A retry helps only with failures that can pass: a dropped connection, a 5xx, a 429. Done by hand it often loops with no limit, hammers a service that is already down, retries a 400 that will never succeed, ignores the `Retry-After` a rate limit sends, or wraps an SDK that already retries, multiplying the calls (the OpenAI and Anthropic SDKs retry twice by default, Stripe's too). Use a bounded retry with exponential backoff and full jitter that honours `Retry-After`, or the SDK's own `maxRetries`.",
    prefilter: RETRY_PREFILTER,
    fix: 'bounded-retry',
    severityNote: 'high for a retry with no attempt limit',
    finds:
      "a `for`, `while` or `do` loop, or a function that calls itself again, around `fetch`, an OpenAI, Anthropic or Stripe client call (a client made with `new OpenAI(…)` in the module, or imported from the project's own module under a name such as `openai` or `stripe`), or a callback the function takes, where a failed attempt (a caught error, a response that is not `ok`) starts another one and a successful one ends it; reported when it has no attempt limit, when the SDK retries on its own (its `maxRetries` or `maxNetworkRetries` is not 0: OpenAI v4+, Anthropic and Stripe v13+ retry by default), when it retries every error an SDK throws or every response that is not `ok` without looking at the status, when it retries 429 without reading `Retry-After`, or when it waits not at all or a fixed time without jitter (an un-awaited `setTimeout` is no wait); and a call of a retry helper (one this module defines, or one imported from the project's own modules under a name with `retr` in it) whose callback calls an SDK client that retries on its own. Polling loops that repeat on the data rather than on a failure, `for…of` loops over items, and retry libraries (`p-retry`, `async-retry`) are left alone",
    sources: [
      { title: 'OpenAI Node SDK: Retries', url: 'https://github.com/openai/openai-node#retries' },
      { title: 'Anthropic TypeScript SDK: Retries', url: 'https://github.com/anthropics/anthropic-sdk-typescript#retries' },
      { title: 'Stripe: Automatic retries (maxNetworkRetries)', url: 'https://docs.stripe.com/error-low-level#automatic-retries' },
      { title: 'MDN: Retry-After', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Retry-After' },
      {
        title: 'AWS Architecture Blog: Exponential Backoff And Jitter',
        url: 'https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        const pkg = packageFor(ctx.project.packages, ctx.file.path);
        const majors = (name: string) => majorVersion(pkg?.dependencies[name] ?? pkg?.devDependencies[name]);
        for (const loop of retryLoops(program, majors)) {
          const [main, ...others] = loop.faults;
          if (!main) continue;
          const sdk = loop.client ? RETRYING_SDKS[loop.client.sdk] : null;
          ctx.report({
            node: loop.node,
            messageId: main,
            severity: main === 'unbounded' ? 'high' : undefined,
            data: {
              call: calleeText(loop, ctx.file.text),
              sdk: sdk?.title ?? '',
              option: sdk?.option ?? '',
              sdkRetries: loop.sdkRetries,
              perAttempt: loop.sdkRetries + 1,
              also: others.length > 0 ? ` Also: ${others.map((fault) => SHORT[fault]).join('; ')}.` : '',
              faults: loop.faults,
              kind: loop.kind,
            },
          });
        }
      },
    };
  },
});
