import type { CallExpression, Expression, Node, ObjectExpression, Program } from '@babel/types';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { absoluteUrlOf, moduleStringConstants } from './fetch-calls.ts';
import { calledExport, importedBindings, moduleConstants, objectKeys, objectLiteral, staticString } from './imported-bindings.ts';
import { localCallees, moduleFunctions } from './rate-limits.ts';
import {
  AI_SDK_FUNCTIONS,
  ANTHROPIC_MESSAGES,
  OPENAI_CHAT,
  OPENAI_COMPLETIONS,
  OPENAI_METHODS,
  OPENAI_RESPONSES,
  OPENAI_V3_METHODS,
  type AiApi,
} from './ai-apis.ts';
import { boundNames, type HandlerFunction, type RequestHandler } from './request-handlers.ts';
import { callerInput, type InputSource } from './request-input.ts';
import { aiProviderOf, type AiProvider } from './server-sdks.ts';
import { chainText, unwrap } from './auth/syntax.ts';
import { screened } from '../engine/needles.ts';

/** Where a request's output cap goes: a property of `object`, or of its `nested` object (`generationConfig`, `config`). */
export interface CapSite {
  object: ObjectExpression;
  nested: string | null;
}

/** A call to an AI model API, with the parts of its request that set what it may cost. */
export interface AiCall {
  node: CallExpression;
  provider: Exclude<AiProvider, 'ai-sdk'> | 'ai-sdk';
  /** For messages: `OpenAI chat completions`, `the AI SDK's streamText`. */
  api: string;
  /** The property names that cap the output tokens; the first is the one a fix writes (the AI SDK's depends on its version). */
  capKeys: readonly string[];
  /** The cap's value, when the request sets one. */
  cap: Node | null;
  /** The request is built where its keys cannot all be seen (a spread, a variable): a cap may be there. */
  capUnknown: boolean;
  /** Where a fix writes the cap; null when no object literal holds the request. */
  capSite: CapSite | null;
  /** The model's name as the request sets it (the argument of the AI SDK's provider call: `openai(name)`). */
  model: Node | null;
  /** What the model is chosen among: the provider, or for the AI SDK the provider function (`ai-sdk:openai`). */
  family: string;
  /** The values that carry the prompt: messages, prompt, input, system, contents. */
  prompts: Prompt[];
}

/** A value of the prompt, and what it holds: text, a list (messages, contents), either, or anything written into text. */
export interface Prompt {
  value: Node;
  shape: 'text' | 'list' | 'any' | 'interpolated';
}

const PROMPT_SHAPES: Record<string, Prompt['shape']> = {
  messages: 'list',
  contents: 'any',
  prompt: 'text',
  system: 'text',
  instructions: 'text',
  systemInstruction: 'any',
  input: 'any',
};

function prompts(object: ObjectExpression | null, keys: readonly string[]): Prompt[] {
  return keys.flatMap((key) => {
    const value = property(object, key);
    return value ? [{ value, shape: PROMPT_SHAPES[key] ?? 'any' }] : [];
  });
}

const AI_SDK_CAP_KEYS = ['maxOutputTokens', 'maxTokens'];
const GOOGLE_CAP_KEYS = ['maxOutputTokens'];

/** REST endpoints, by host and path, for requests made with `fetch`. */
const AI_ENDPOINTS: ReadonlyArray<[RegExp, AiCall['provider'], AiApi]> = [
  [/^https?:\/\/api\.openai\.com\/v1\/chat\/completions/, 'openai', OPENAI_CHAT],
  [/^https?:\/\/api\.openai\.com\/v1\/responses/, 'openai', OPENAI_RESPONSES],
  [/^https?:\/\/api\.openai\.com\/v1\/completions/, 'openai', OPENAI_COMPLETIONS],
  [/^https?:\/\/api\.anthropic\.com\/v1\/messages/, 'anthropic', ANTHROPIC_MESSAGES],
];

/** Text one of the AI calls this module recognises contains: a file with none is not parsed. */
export const AI_CALL_TEXT = screened(
  /\.completions\.|\.responses\.|createChatCompletion|createCompletion|messages\.(create|stream)|generateContent|generateText|streamText|generateObject|streamObject|api\.openai\.com|api\.anthropic\.com/,
);

interface Resolved {
  constants: ReadonlyMap<string, Expression>;
}

const property = (object: ObjectExpression | null, key: string): Node | null => {
  const found = object ? objectKeys(object).keys.get(key) : undefined;
  return found?.type === 'ObjectProperty' ? (found.value as Node) : null;
};

/** The cap in `object` (or its `nested` object), and whether keys that cannot be seen may hold it. */
function capIn(object: ObjectExpression | null, nested: string | null, keys: readonly string[], resolved: Resolved) {
  if (!object) return { cap: null, unknown: true };
  const { open } = objectKeys(object);
  let target: ObjectExpression | null = object;
  if (nested) {
    const value = property(object, nested);
    if (value === null) return { cap: null, unknown: open };
    target = objectLiteral(value, resolved.constants);
    if (!target) return { cap: null, unknown: true };
  }
  const cap = keys.map((key) => property(target, key)).find((value) => value !== null) ?? null;
  return { cap, unknown: cap === null && (open || objectKeys(target).open) };
}

function sdkCall(
  call: CallExpression,
  provider: AiCall['provider'],
  shape: AiApi,
  options: ObjectExpression | null,
  resolved: Resolved,
): AiCall {
  const { cap, unknown } = capIn(options, null, shape.capKeys, resolved);
  return {
    node: call,
    provider,
    api: shape.api,
    capKeys: shape.capKeys,
    cap,
    capUnknown: unknown,
    capSite: options ? { object: options, nested: null } : null,
    model: property(options, 'model'),
    family: provider,
    prompts: prompts(options, shape.prompts),
  };
}

/** `const model = genAI.getGenerativeModel({ … })`: the model's own settings, for a call on it. */
function generativeModelOptions(object: Node, resolved: Resolved): { found: boolean; options: ObjectExpression | null } {
  let current: Node | null | undefined = unwrap(object);
  if (current?.type === 'Identifier') current = unwrap(resolved.constants.get(current.name));
  if (current?.type !== 'CallExpression' || chainText(current.callee)?.split('.').at(-1) !== 'getGenerativeModel')
    return { found: false, options: null };
  return { found: true, options: objectLiteral(current.arguments[0] as Node, resolved.constants) };
}

/** A model the project builds in a module of its own and imports by a name that says so (`import { geminiModel } from '@/lib/gemini'`). */
const PROJECT_MODEL_NAME = /gemini|generative|genai|model/i;

function googleCall(
  call: CallExpression,
  imports: ReadonlySet<AiProvider>,
  resolved: Resolved,
  bindings: ReturnType<typeof importedBindings>,
): AiCall | null {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  const path = chainText(callee) ?? '';
  const argument = call.arguments[0] as Node | undefined;
  const request = objectLiteral(argument, resolved.constants);
  if (/(^|\.)models\.generateContent(Stream)?$/.test(path)) {
    if (!imports.has('google-genai') && !request) return null;
    if (!request || !property(request, 'contents')) return null;
    const { cap, unknown } = capIn(request, 'config', GOOGLE_CAP_KEYS, resolved);
    return {
      node: call,
      provider: 'google-genai',
      api: 'Google Gen AI',
      capKeys: GOOGLE_CAP_KEYS,
      cap,
      capUnknown: unknown,
      capSite: { object: request, nested: 'config' },
      model: property(request, 'model'),
      family: 'google',
      prompts: [
        ...prompts(request, ['contents']),
        ...prompts(objectLiteral(property(request, 'config'), resolved.constants), ['systemInstruction']),
      ],
    };
  }
  const model = generativeModelOptions(callee.object, resolved);
  const object = unwrap(callee.object);
  const projectModel =
    object?.type === 'Identifier' && PROJECT_MODEL_NAME.test(object.name) && /^[.@~]/.test(bindings.get(object.name)?.source ?? '');
  if (!model.found && !imports.has('google') && !projectModel) return null;
  const fromModel = capIn(model.options, 'generationConfig', GOOGLE_CAP_KEYS, resolved);
  const fromRequest = request ? capIn(request, 'generationConfig', GOOGLE_CAP_KEYS, resolved) : { cap: null, unknown: false };
  const cap = fromModel.cap ?? fromRequest.cap;
  const prompt: Prompt[] = request ? prompts(request, ['contents']) : argument ? [{ value: argument as Node, shape: 'any' }] : [];
  return {
    node: call,
    provider: 'google',
    api: 'Google Generative AI',
    capKeys: GOOGLE_CAP_KEYS,
    cap,
    capUnknown: cap === null && (model.found ? fromModel.unknown : true) && (!request || fromRequest.unknown || !model.options),
    capSite: model.options
      ? { object: model.options, nested: 'generationConfig' }
      : request
        ? { object: request, nested: 'generationConfig' }
        : null,
    model: property(model.options, 'model'),
    family: 'google',
    prompts: [...prompt, ...prompts(model.options, ['systemInstruction'])],
  };
}

/** `fetch('https://api.openai.com/v1/chat/completions', { body: JSON.stringify({ … }) })`. */
function restCall(call: CallExpression, strings: ReadonlyMap<string, string>, resolved: Resolved): AiCall | null {
  const url = absoluteUrlOf(call.arguments[0] as Expression | undefined, strings);
  const endpoint = url && AI_ENDPOINTS.find(([pattern]) => pattern.test(url.staticPart));
  if (!endpoint) return null;
  const init = objectLiteral(call.arguments[1] as Node | undefined, resolved.constants);
  const body = unwrap(property(init, 'body'));
  const payload =
    body?.type === 'CallExpression' && chainText(body.callee) === 'JSON.stringify'
      ? objectLiteral(body.arguments[0] as Node, resolved.constants)
      : null;
  return sdkCall(call, endpoint[1], endpoint[2], payload, resolved);
}

/** Every call in the module to an AI model API that this analysis knows the request of. */
export function aiCalls(program: Program): AiCall[] {
  const bindings = importedBindings(program);
  const imports = new Set<AiProvider>();
  for (const binding of bindings.values()) {
    const provider = aiProviderOf(binding.source);
    if (provider) imports.add(provider);
  }
  const resolved: Resolved = { constants: moduleConstants(program) };
  let strings: Map<string, string> | null = null;
  const found: AiCall[] = [];
  forEachNode(program, (node) => {
    if (node.type !== 'CallExpression') return;
    const callee = node.callee;
    const options = () => objectLiteral(node.arguments[0] as Node | undefined, resolved.constants);
    if (callee.type === 'Identifier') {
      if (callee.name === 'fetch') {
        strings ??= moduleStringConstants(program);
        const rest = restCall(node, strings, resolved);
        if (rest) found.push(rest);
        return;
      }
      const exported = calledExport(callee, bindings, 'ai');
      if (exported && AI_SDK_FUNCTIONS.has(exported)) {
        const call = sdkCall(
          node,
          'ai-sdk',
          { api: `the AI SDK's ${exported}`, capKeys: AI_SDK_CAP_KEYS, prompts: ['prompt', 'messages', 'system'] },
          options(),
          resolved,
        );
        // `model: openai('gpt-4o')`: the name is the provider function's argument.
        const model = unwrap(call.model);
        const factory = model?.type === 'CallExpression' ? chainText(model.callee) : null;
        found.push({
          ...call,
          model: model?.type === 'CallExpression' ? ((model.arguments[0] as Node | undefined) ?? null) : call.model,
          family: factory ? `ai-sdk:${factory}` : 'ai-sdk',
        });
      }
      return;
    }
    const path = chainText(callee);
    if (!path) return;
    const method = path.split('.').at(-1)!;
    const root = path.split('.')[0]!;
    const openai = OPENAI_METHODS.find(([pattern]) => pattern.test(path));
    if (openai) {
      found.push(sdkCall(node, 'openai', openai[1], options(), resolved));
      return;
    }
    if (Object.hasOwn(OPENAI_V3_METHODS, method) && (imports.has('openai') || /openai/i.test(root))) {
      found.push(sdkCall(node, 'openai', OPENAI_V3_METHODS[method]!, options(), resolved));
      return;
    }
    if (/(^|\.)messages\.(create|stream)$/.test(path) && (imports.has('anthropic') || /anthropic|claude/i.test(path))) {
      found.push(sdkCall(node, 'anthropic', ANTHROPIC_MESSAGES, options(), resolved));
      return;
    }
    if (method === 'generateContent' || method === 'generateContentStream') {
      const google = googleCall(node, imports, resolved, bindings);
      if (google) found.push(google);
    }
  });
  return found;
}

/** What the caller controls in a function on a request's path, and which of it a schema has parsed. */
export interface PathInput {
  sourceOf(node: Node | null | undefined): InputSource | null;
  /** Names bound from a schema's parse of caller input (`const { prompt } = Schema.parse(body)`), with the schema. */
  parsed: ReadonlyMap<string, Node | null>;
}

const SCHEMA_PARSES = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);

/** The caller input of a handler, or of a function of its module it calls with some of that input as arguments. */
function pathInput(
  handler: RequestHandler,
  scope: HandlerFunction,
  program: Program,
  constants: ReadonlyMap<string, Expression>,
): PathInput {
  let input = callerInput(handler);
  if (scope !== handler.fn) {
    const params = new Set<string>();
    const functions = moduleFunctions(program);
    forEachNode(handler.fn, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
      if (functions.get(node.callee.name) !== scope) return;
      node.arguments.forEach((argument, index) => {
        const param = scope.params[index];
        if (param && input.sourceOf(argument as Node)) for (const name of boundNames(param)) params.add(name);
      });
    });
    input = callerInput({ ...handler, kind: 'server-action', fn: scope, params: [...params] });
  }
  const parsed = new Map<string, Node | null>();
  forEachNode(scope.body, (node) => {
    if (node.type !== 'VariableDeclarator') return;
    const init = unwrap(node.init);
    if (init?.type !== 'CallExpression') return;
    const callee = init.callee;
    const name = callee.type === 'Identifier' ? callee.name : chainText(callee)?.split('.').at(-1);
    if (!name || !SCHEMA_PARSES.has(name)) return;
    // `Schema.parse(body)`, or valibot's `v.parse(Schema, body)`.
    const [first, second] = init.arguments as Node[];
    const schema = callee.type === 'MemberExpression' && second === undefined ? callee.object : first;
    const data = second ?? first;
    if (!input.sourceOf(data)) return;
    const schemaNode = unwrap(schema?.type === 'Identifier' ? (constants.get(schema.name) ?? null) : schema);
    for (const bound of boundNames(node.id)) parsed.set(bound, schemaNode);
  });
  const sourceOf = (node: Node | null | undefined): InputSource | null => {
    const own = input.sourceOf(node);
    if (own) return own;
    const root = rootName(node);
    return root && parsed.has(root) ? 'body' : null;
  };
  return { sourceOf, parsed };
}

/** The name a member chain or call chain starts from: `body` for `body.messages.map(…)`. */
function rootName(node: Node | null | undefined): string | null {
  const value = unwrap(node);
  if (!value) return null;
  if (value.type === 'Identifier') return value.name;
  if (value.type === 'MemberExpression' || value.type === 'OptionalMemberExpression') return rootName(value.object);
  if (value.type === 'CallExpression' || value.type === 'OptionalCallExpression') return rootName(value.callee);
  return null;
}

const TRUNCATING = new Set(['slice', 'substring', 'substr']);

/**
 * The value whose length would bound an input: `body.prompt` for `body.prompt.trim()`, `messages`
 * for `messages.map(…)`. `bounded` when the expression itself truncates (`prompt.slice(0, 2000)`).
 */
export function inputPath(node: Node): { path: Node; bounded: boolean } {
  let current = unwrap(node)!;
  for (;;) {
    if (current.type !== 'CallExpression' && current.type !== 'OptionalCallExpression') return { path: current, bounded: false };
    const callee = current.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return { path: current, bounded: false };
    const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
    if (method && TRUNCATING.has(method) && current.arguments.length >= (method === 'slice' ? 2 : 1))
      return { path: current, bounded: true };
    current = unwrap(callee.object)!;
  }
}

/** Keys of a message part that name a file, an image or a format rather than carry text: their length bounds nothing. */
const MEDIA_KEYS = new Set([
  'image',
  'image_url',
  'url',
  'data',
  'file',
  'file_url',
  'file_id',
  'mimeType',
  'mediaType',
  'mime_type',
  'type',
  'role',
]);
/** Conversions to a number or a flag: what they return has no length worth bounding. */
const SCALAR_CALLS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'Math.min', 'Math.max', 'Math.round']);

/** A prompt's part from the caller, and what it holds where it is used. */
interface InputPart {
  node: Node;
  shape: Prompt['shape'];
}

/** Keys of a message whose value is text. */
const TEXT_KEYS = new Set(['content', 'text', 'prompt', 'system', 'instructions']);

/**
 * Input that can be long: the body, a form, a server action's arguments. The URL, its query and
 * route params, headers and cookies are held to a few kilobytes by the platform before the code runs.
 */
const fromBody = (source: InputSource | null) => source === 'body' || source === 'form' || source === 'argument';

/** What a prompt's parts are traced through: the caller's input, and the values a function gives its local names. */
interface PartTracing {
  sourceOf: PathInput['sourceOf'];
  /** The values assigned to a local name in the function (its initialiser and every `=`/`+=`). */
  assigned(name: string): Node[];
  seen: Set<string>;
}

/** A value built from other values, whose own length says nothing of each input's (`\`…${topic}…\``, `intro + text`). */
function isComposite(node: Node): boolean {
  switch (node.type) {
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'ArrayExpression':
    case 'ObjectExpression':
    case 'ConditionalExpression':
      return true;
    case 'CallExpression':
      return node.callee.type === 'Identifier';
    default:
      return false;
  }
}

/**
 * The parts of a prompt that come from the caller, each at the smallest expression that is wholly
 * input: a local name built from a template or a call is traced to the inputs it was built from,
 * so a bound applies to what the caller sent rather than to the instructions around it.
 */
function inputParts(node: Node, tracing: PartTracing, out: InputPart[], shape: Prompt['shape']): void {
  node = unwrap(node)!;
  const { sourceOf } = tracing;
  const take = () => {
    if (fromBody(sourceOf(node))) out.push({ node, shape });
  };
  switch (node.type) {
    case 'ArrayExpression':
      for (const element of node.elements)
        if (element) inputParts(element, tracing, out, element.type === 'SpreadElement' ? 'list' : 'any');
      return;
    case 'ObjectExpression':
      for (const entry of node.properties) {
        if (entry.type === 'ObjectProperty') {
          const key = propertyName(entry);
          if (!key || !MEDIA_KEYS.has(key)) inputParts(entry.value, tracing, out, key && TEXT_KEYS.has(key) ? 'text' : 'any');
        } else if (entry.type === 'SpreadElement') inputParts(entry.argument, tracing, out, 'any');
      }
      return;
    case 'SpreadElement':
      inputParts(node.argument, tracing, out, shape);
      return;
    case 'TemplateLiteral':
      for (const expression of node.expressions) inputParts(expression, tracing, out, 'interpolated');
      return;
    case 'BinaryExpression':
      if (node.operator === '+') {
        inputParts(node.left, tracing, out, 'interpolated');
        inputParts(node.right, tracing, out, 'interpolated');
      }
      return;
    case 'LogicalExpression':
      inputParts(node.left, tracing, out, shape);
      inputParts(node.right, tracing, out, shape);
      return;
    case 'ConditionalExpression':
      inputParts(node.consequent, tracing, out, shape);
      inputParts(node.alternate, tracing, out, shape);
      return;
    case 'NewExpression':
      return;
    case 'CallExpression':
      if (SCALAR_CALLS.has(chainText(node.callee) ?? '')) return;
      // `String(body.prompt)` writes the value as a template does.
      if (chainText(node.callee) === 'String' && node.arguments[0])
        return inputParts(node.arguments[0] as Node, tracing, out, 'interpolated');
      if (sourceOf(node)) take();
      // `buildPrompt(body.topic)`, `JSON.stringify(items)`: what the call is given ends up in the prompt.
      else for (const argument of node.arguments) inputParts(argument as Node, tracing, out, 'any');
      return;
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      if (memberName(node) === 'length' || memberName(node) === 'size') return;
      take();
      return;
    case 'Identifier': {
      const values = tracing.assigned(node.name);
      if (values.length > 0 && values.some((value) => isComposite(unwrap(value)!)) && !tracing.seen.has(node.name)) {
        tracing.seen.add(node.name);
        for (const value of values) inputParts(value, tracing, out, shape);
        return;
      }
      take();
      return;
    }
    default:
      take();
  }
}

/** The values each plain local name of a function is given. */
function assignments(scope: Node): (name: string) => Node[] {
  const values = new Map<string, Node[]>();
  const add = (name: string, value: Node) => values.set(name, [...(values.get(name) ?? []), value]);
  forEachNode(scope, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) add(node.id.name, node.init);
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && (node.operator === '=' || node.operator === '+='))
      add(node.left.name, node.right);
  });
  return (name) => values.get(name) ?? [];
}

const normalised = (source: string, node: Node) => source.slice(node.start!, node.end!).replace(/\s+|\?(?=\.)/g, '');

const UPPER_BOUND = new Set(['>', '>=', '<', '<=']);

/** A `.length` comparison with something other than 0 or 1: `prompt.length > 4000`, `MAX < body.text.length`. */
function lengthCompared(path: string, scope: Node, before: number, source: string): boolean {
  let found = false;
  forEachNode(scope, (node) => {
    if (found || node.type !== 'BinaryExpression' || !UPPER_BOUND.has(node.operator) || node.start! > before) return;
    const sides = [node.left, node.right] as Node[];
    // `prompt.length > 4000`, or a total: `String(topic).length + String(notes).length > 4000`.
    const length = sides.find((side) => terms(side).some((term) => isLengthOf(term, path, source)));
    const other = sides.find((side) => side !== length);
    if (length && !(other?.type === 'NumericLiteral' && other.value <= 1)) found = true;
  });
  return found;
}

function terms(node: Node): Node[] {
  const value = unwrap(node)!;
  return value.type === 'BinaryExpression' && value.operator === '+' ? [...terms(value.left), ...terms(value.right)] : [value];
}

function isLengthOf(node: Node, path: string, source: string): boolean {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return false;
  if (memberName(node) !== 'length') return false;
  return normalised(source, measured(node.object)).replace(/\.trim\(\)$/, '') === path;
}

/** What a length is taken of: `x` for `JSON.stringify(x).length` and `String(x).length`. */
function measured(node: Node): Node {
  const value = unwrap(node)!;
  if (value.type !== 'CallExpression' || !['JSON.stringify', 'String'].includes(chainText(value.callee) ?? '')) return value;
  const argument = unwrap(value.arguments[0] as Node | undefined);
  // `JSON.stringify(x ?? '')`
  return argument?.type === 'LogicalExpression' ? argument.left : (argument ?? value);
}

/** `if (userPracticeId !== practiceId) return …`: a value compared with another (not a literal) is as long as that one. */
function matchedAgainst(path: string, scope: Node, before: number, source: string): boolean {
  let found = false;
  forEachNode(scope, (node) => {
    if (found || node.type !== 'BinaryExpression' || !['===', '!==', '==', '!='].includes(node.operator) || node.start! > before) return;
    const left = node.left as Node;
    const right = node.right;
    const leftIsPath = normalised(source, left) === path;
    if (leftIsPath === (normalised(source, right) === path)) return;
    const other = leftIsPath ? right : left;
    found = (other.type === 'Identifier' && other.name !== 'undefined') || other.type === 'MemberExpression';
  });
  return found;
}

/** `.max(2000)`, valibot's `maxLength(2000)` or `.length(…)` on the schema's field (or on any field, when the field is not known). */
function schemaBounds(schema: Node | null, field: string | null, source: string): boolean {
  if (!schema) return true;
  const bound = /\.max\(|maxLength\(|\.length\(/;
  let fieldNode: Node | null = null;
  if (field) {
    forEachNode(schema, (node) => {
      if (!fieldNode && node.type === 'ObjectProperty' && !node.computed && node.key.type === 'Identifier' && node.key.name === field)
        fieldNode = node;
    });
  }
  return bound.test(source.slice((fieldNode ?? schema).start!, (fieldNode ?? schema).end!));
}

/** Whether something before `call` bounds the length of a prompt part from the caller. */
function isBounded(part: Node, scope: HandlerFunction, call: Node, input: PathInput, source: string): boolean {
  const { path, bounded } = inputPath(part);
  if (bounded) return true;
  const text = normalised(source, path);
  if (lengthCompared(text, scope, call.start!, source) || matchedAgainst(text, scope, call.start!, source)) return true;
  const root = rootName(path);
  if (path.type === 'Identifier') {
    let truncated = false;
    forEachNode(scope, (node) => {
      const init =
        node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === path.name
          ? node.init
          : node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === path.name
            ? node.right
            : null;
      if (init && node.start! < call.start! && inputPath(init).bounded) truncated = true;
    });
    if (truncated) return true;
  }
  if (root && input.parsed.has(root)) {
    const field =
      path.type === 'Identifier'
        ? path.name
        : path.type === 'MemberExpression' && path.property.type === 'Identifier'
          ? path.property.name
          : null;
    return schemaBounds(input.parsed.get(root) ?? null, field, source);
  }
  return false;
}

/** A model read from the request and then checked against a list: `ALLOWED.includes(model)`, `model === 'gpt-4o'`, a `switch`. */
function allowListed(path: string, scope: Node, before: number, source: string): boolean {
  let found = false;
  forEachNode(scope, (node) => {
    if (found || node.start! > before) return;
    if (node.type === 'CallExpression' && /\.(includes|has|some|indexOf)$/.test(chainText(node.callee) ?? '')) {
      found = (node.arguments as Node[]).some((argument) => normalised(source, argument) === path);
    } else if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!=', 'in'].includes(node.operator)) {
      const sides = [node.left, node.right] as Node[];
      found = sides.some((side) => normalised(source, side) === path) && sides.some((side) => staticString(side) !== null);
    } else if (node.type === 'SwitchStatement') {
      found = normalised(source, node.discriminant) === path;
    }
  });
  return found;
}

/** An AI call on a request's path, with what in it lets one caller spend without limit. */
export interface AiCallOnPath {
  ai: AiCall;
  handler: RequestHandler;
  /** The function holding the call: the handler, or a function of the module it calls. */
  scope: HandlerFunction;
  /** No output cap is set. */
  noCap: boolean;
  /** The model value, when it comes from the request unchecked. */
  modelFromRequest: Node | null;
  /** The prompt's parts that come from the request with nothing bounding their length, with what they hold. */
  unboundedInputs: Prompt[];
}

/** Every AI call the module's request handlers make, directly or through a function of the module they call. */
export function aiCallsOnRequestPath(program: Program, handlers: readonly RequestHandler[], source: string): AiCallOnPath[] {
  const calls = aiCalls(program);
  if (calls.length === 0) return [];
  const found: AiCallOnPath[] = [];
  const seen = new Set<Node>();
  const constants = moduleConstants(program);
  for (const handler of handlers) {
    const scopes = [handler.fn, ...(localCallees(program, handler.fn) as HandlerFunction[])];
    for (const scope of scopes) {
      const inScope = calls.filter((ai) => !seen.has(ai.node) && ai.node.start! >= scope.start! && ai.node.end! <= scope.end!);
      if (inScope.length === 0) continue;
      const input = pathInput(handler, scope, program, constants);
      const assigned = assignments(scope);
      for (const ai of inScope) {
        seen.add(ai.node);
        const model = ai.model && input.sourceOf(ai.model) ? ai.model : null;
        const modelFromRequest =
          model && !allowListed(normalised(source, inputPath(model).path), scope, ai.node.start!, source) ? model : null;
        const unboundedInputs: Prompt[] = [];
        for (const prompt of ai.prompts) {
          const parts: InputPart[] = [];
          inputParts(prompt.value, { sourceOf: input.sourceOf, assigned, seen: new Set() }, parts, prompt.shape);
          for (const part of parts)
            if (!isBounded(part.node, scope, ai.node, input, source)) unboundedInputs.push({ value: part.node, shape: part.shape });
        }
        found.push({ ai, handler, scope, noCap: ai.cap === null && !ai.capUnknown, modelFromRequest, unboundedInputs });
      }
    }
  }
  return found;
}
