import { defineCheck } from './define.ts';
import { AI_CALL_TEXT, aiCallsOnRequestPath, inputPath } from '../analysis/ai-calls.ts';
import { runsInBrowser } from '../analysis/fetch-calls.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';

const snippet = (text: string) => text.replace(/\s+/g, ' ').slice(0, 60);

export default defineCheck({
  meta: {
    id: 'ai-call-without-limits',
    title: 'AI call on a request path without a token cap, a fixed model or a prompt length bound',
    severity: 'high',
    category: 'costs',
    messages: {
      noTokenCap:
        "{{api}} is called for a request with no output cap (`{{capKey}}`): one answer can run to the model's maximum length, and you pay for every token.",
      modelFromRequest:
        '{{api}} is called with the model the request names (`{{what}}`): a caller can pick the most expensive model there is. Fix the model in code, or check it against a list.',
      unboundedPrompt:
        '{{api}} is sent `{{what}}` from the request with nothing bounding its length: a caller can send prompts of the largest size the model takes, and you pay for every input token.',
    },
    docs: "AI APIs bill per token, in and out, and a route that forwards requests to them spends your money at the caller's pace. Three settings bound what one request can cost: an output cap (`max_tokens`, `max_output_tokens`, `maxOutputTokens`), a model fixed in code rather than taken from the request, and a length limit on the text the request supplies before it becomes the prompt. Rate limiting the route (`auth-endpoint-without-rate-limit`) bounds how many requests one caller sends; these bound each request.",
    prefilter: (text) => AI_CALL_TEXT.test(text),
    fix: 'cap-ai-usage',
    severityNote: 'medium where the output cap is the only thing missing',
    finds:
      "a call in a route handler, a Pages API route or a server action (or in a function of the same file that one calls) to OpenAI (`chat.completions.create`, `responses.create`, `completions.create`, v3's `createChatCompletion`), Anthropic (`messages.create`), Google (`@google/generative-ai`'s `generateContent` with the model from `getGenerativeModel` or a model imported from the project, `@google/genai`'s `models.generateContent`), the AI SDK (`generateText`, `streamText`, `generateObject`, `streamObject`) or the OpenAI and Anthropic REST APIs through `fetch`, whose request (an object literal, or a `const` holding one) has no output cap (`max_tokens` or `max_completion_tokens`; `max_output_tokens`; `generationConfig.maxOutputTokens`, `config.maxOutputTokens`; `maxTokens` in AI SDK 4, `maxOutputTokens` in 5), whose `model` comes from the request (the body, the query, a server action's arguments) without a check against a list, or whose prompt (`messages`, `prompt`, `input`, `system`, `contents`) carries request input with no length bound before the call: a `.length` comparison, `.slice(0, n)`/`.substring`, or a zod or valibot `.max(n)`/`maxLength(n)` on the field of a schema that parsed it. A request built elsewhere (a spread, a parameter) is not reported for its cap",
    sources: [
      {
        title: 'OpenAI API: create chat completion (max_completion_tokens)',
        url: 'https://platform.openai.com/docs/api-reference/chat/create',
      },
      {
        title: 'OpenAI API: create a response (max_output_tokens)',
        url: 'https://platform.openai.com/docs/api-reference/responses/create',
      },
      { title: 'Anthropic API: messages (max_tokens is required)', url: 'https://docs.anthropic.com/en/api/messages' },
      { title: 'Gemini API: GenerationConfig', url: 'https://ai.google.dev/api/generate-content#generationconfig' },
      { title: 'AI SDK: generateText settings (maxOutputTokens)', url: 'https://ai-sdk.dev/docs/ai-sdk-core/settings' },
      {
        title: 'OWASP Top 10 for LLM Applications: LLM10 Unbounded Consumption',
        url: 'https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        if (!ctx.ast || runsInBrowser(ctx.file.path, program)) return;
        const text = ctx.file.text;
        for (const found of aiCallsOnRequestPath(program, requestHandlers(ctx.file.path, ctx.ast, ctx.project), text)) {
          const { ai } = found;
          const api = ai.api;
          const node = ai.node;
          const alone = !found.modelFromRequest && found.unboundedInputs.length === 0;
          if (found.noCap)
            ctx.report({ node, messageId: 'noTokenCap', data: { api, capKey: ai.capKeys[0] }, severity: alone ? 'medium' : 'high' });
          if (found.modelFromRequest)
            ctx.report({
              node,
              messageId: 'modelFromRequest',
              data: { api, what: snippet(text.slice(found.modelFromRequest.start!, found.modelFromRequest.end!)) },
            });
          if (found.unboundedInputs.length > 0) {
            const what = [
              ...new Set(found.unboundedInputs.map((part) => inputPath(part.value).path).map((path) => text.slice(path.start!, path.end!))),
            ];
            ctx.report({ node, messageId: 'unboundedPrompt', data: { api, what: snippet(what.join('`, `')) } });
          }
        }
      },
    };
  },
});
