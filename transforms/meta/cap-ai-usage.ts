import type { Answers, TransformMeta } from '../../src/engine/transform-types.ts';
import type { Project } from '../../src/project/types.ts';

/** The project's AI calls are read here, not with this module, which the scan and plain `jscodeshift -t` load too. */
async function projectModels(project: Project): Promise<Answers> {
  const { modelAnswers } = await import('../../src/analysis/ai-models-in-project.ts');
  return modelAnswers(project);
}

export const meta: TransformMeta = {
  id: 'cap-ai-usage',
  title: 'Cap the tokens, the model and the prompt length of AI calls',
  description:
    "On each AI call a request handler makes (OpenAI, Anthropic, Google, the AI SDK, or their REST APIs through `fetch`): adds an output cap where there is none, under the name that API takes (`max_tokens`, or `max_completion_tokens` for OpenAI's o-series and GPT-5 models; `max_output_tokens`; `generationConfig.maxOutputTokens`; `maxOutputTokens` from AI SDK 5, `maxTokens` before); replaces a model taken from the request with the model named in the answer, or else the one the project's code already uses most for that provider (a TODO where it uses none); and, before the call, answers 400 when a prompt input from the request is not a string (a list, for messages) or longer than the limit, in the handler's idiom (`NextResponse.json`, `new Response`, `res.status(400)`; a server action throws). Inputs read in a helper function, or inside a callback, get a TODO. Needs review: long answers are cut at the cap, long prompts and other models are refused.",
  safe: false,
  prefilter: [
    'completions',
    'responses',
    'createChatCompletion',
    'createCompletion',
    'messages',
    'generateContent',
    'generateText',
    'streamText',
    'generateObject',
    'streamObject',
    'api.openai.com',
    'api.anthropic.com',
  ],
  questions: [
    { name: 'maxTokens', message: 'Most tokens one AI answer may use?', type: 'number', default: 1024, integer: true, min: 1, max: 200000 },
    {
      name: 'maxInputChars',
      message: 'Longest prompt input a request may send, in characters?',
      type: 'number',
      default: 8000,
      integer: true,
      min: 1,
      max: 10000000,
    },
    {
      name: 'model',
      message: 'Model for AI calls that take it from the request (empty: the one the code already uses most for that provider)?',
      type: 'string',
      default: '',
    },
  ],
  projectOptions: projectModels,
};
