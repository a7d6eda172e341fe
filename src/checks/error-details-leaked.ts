import { defineCheck } from './define.ts';
import { errorLeaks, type ErrorLeak, type LeakKind } from '../analysis/error-responses.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';
import { runsInBrowser } from '../analysis/fetch-calls.ts';
import { mayAnswerAnError } from '../../transforms/meta/hide-error-details.ts';

const MESSAGE_IDS: Record<LeakKind, 'stack' | 'message' | 'object'> = { stack: 'stack', message: 'message', object: 'object' };

export default defineCheck({
  meta: {
    id: 'error-details-leaked',
    title: 'Error details sent to the caller',
    severity: 'medium',
    category: 'errors',
    messages: {
      stack: "The response carries `{{what}}`, the error's stack trace: it shows the caller your file paths, modules and code.",
      message:
        'The response carries `{{what}}`, the text of an error the handler did not write: database and SDK messages name tables, columns, constraints, hosts and sometimes values.',
      object:
        'The response carries the error object `{{what}}`: an SDK error serialises its code, query details, hints and metadata to the caller.',
    },
    docs: "An error's message and stack are written for the developer: a database error names the table, the constraint and sometimes the row's values (`duplicate key value violates unique constraint \"users_email_key\"`), an SDK error the host or the key's prefix, a stack the file layout. Sent to the caller, they help an attacker map the app. Log the error on the server and answer a generic message with the same status; keep the message only for validation errors the handler throws itself.",
    prefilter: mayAnswerAnError,
    fix: 'hide-error-details',
    finds:
      "a response from a route handler, an API route or a function that answers with `res` (`res.json`, `res.send`, `res.end`, `NextResponse.json`, `Response.json`, `new Response`), or a server action's return value, that carries an error's `stack`, `message` (or Supabase's `details` and `hint`, `String(err)`, `err.toString()`), or the error object itself (`{ error }`, `JSON.stringify(err)`): of an error caught by a `catch`, or of the `{ error }` a database or SDK call returns, directly or through a local name (`const message = err instanceof Error ? err.message : '…'`). Not reported: errors the code narrows to a validation class first (`err instanceof ZodError`, a class the module declares or throws, named like `ValidationError`, `BadRequestError`, `HttpError`), a try block that only parses or throws its own errors, the `{ error }` of `supabase.auth.*` and `safeParse` (written for the user), and string literals",
    sources: [
      {
        title: 'OWASP: Improper Error Handling',
        url: 'https://owasp.org/www-community/Improper_Error_Handling',
      },
      {
        title: 'CWE-209: Generation of Error Message Containing Sensitive Information',
        url: 'https://cwe.mitre.org/data/definitions/209.html',
      },
      { title: 'Next.js: error handling', url: 'https://nextjs.org/docs/app/getting-started/error-handling' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        if (!ctx.ast || runsInBrowser(ctx.file.path, program)) return;
        const handlers = requestHandlers(ctx.file.path, ctx.ast, ctx.project);
        // One finding per response: the transform fixes every part of it.
        const byResponse = new Map<object, ErrorLeak[]>();
        for (const leak of errorLeaks(program, handlers)) byResponse.set(leak.body, [...(byResponse.get(leak.body) ?? []), leak]);
        for (const leaks of byResponse.values()) {
          const leak =
            leaks.find((candidate) => candidate.kind === 'stack') ?? leaks.find((candidate) => candidate.kind === 'object') ?? leaks[0]!;
          const what = ctx.file.text.slice(leak.node.start!, leak.node.end!).replace(/\s+/g, ' ').slice(0, 60);
          ctx.report({ node: leak.node, messageId: MESSAGE_IDS[leak.kind], data: { what, status: leak.status } });
        }
      },
    };
  },
});
