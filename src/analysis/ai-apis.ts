/** The text-generation APIs of the AI providers: what each is called, which keys cap its output, which carry the prompt. */
export interface AiApi {
  api: string;
  capKeys: readonly string[];
  prompts: readonly string[];
}

export const OPENAI_CHAT: AiApi = {
  api: 'OpenAI chat completions',
  capKeys: ['max_tokens', 'max_completion_tokens'],
  prompts: ['messages'],
};
export const OPENAI_RESPONSES: AiApi = { api: 'OpenAI responses', capKeys: ['max_output_tokens'], prompts: ['input', 'instructions'] };
export const OPENAI_COMPLETIONS: AiApi = { api: 'OpenAI completions', capKeys: ['max_tokens'], prompts: ['prompt'] };
export const ANTHROPIC_MESSAGES: AiApi = { api: 'Anthropic messages', capKeys: ['max_tokens'], prompts: ['messages', 'system'] };

/** OpenAI v4+ resources, by the end of the callee's chain. */
export const OPENAI_METHODS: ReadonlyArray<[RegExp, AiApi]> = [
  [/(^|\.)chat\.completions\.(create|stream|parse)$/, OPENAI_CHAT],
  [/(^|\.)responses\.(create|stream|parse)$/, OPENAI_RESPONSES],
  [/(^|\.)completions\.create$/, OPENAI_COMPLETIONS],
];

/** The openai v3 client (`new OpenAIApi(configuration)`). */
export const OPENAI_V3_METHODS: Readonly<Record<string, AiApi>> = {
  createChatCompletion: { ...OPENAI_CHAT, api: 'OpenAI chat completions (v3)', capKeys: ['max_tokens'] },
  createCompletion: { ...OPENAI_COMPLETIONS, api: 'OpenAI completions (v3)' },
};

/** The Vercel AI SDK's generating functions (`ai`). */
export const AI_SDK_FUNCTIONS: ReadonlySet<string> = new Set(['generateText', 'streamText', 'generateObject', 'streamObject']);

/** The providers' REST hosts, for requests made with `fetch`. */
export const AI_HOSTS = /api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com/;
