import type { API, FileInfo } from 'jscodeshift';
import type { File as BabelFile, Node, ObjectExpression, Program as BabelProgram } from '@babel/types';
import { TextEdits, sourceTree } from '../src/engine/codemod.ts';
import { forEachNode } from '../src/engine/walk.ts';
import type { Answers } from '../src/engine/transform-types.ts';
import {
  AI_CALL_TEXT,
  aiCallsOnRequestPath,
  inputPath,
  type AiCall,
  type AiCallOnPath,
  type CapSite,
  type Prompt,
} from '../src/analysis/ai-calls.ts';
import { modelLiterals, mostUsedModels } from '../src/analysis/ai-models.ts';
import { objectKeys, objectLiteral, staticString } from '../src/analysis/imported-bindings.ts';
import { boundNames, moduleHandlers } from '../src/analysis/request-handlers.ts';
import { rejectLines } from '../src/analysis/auth/idiom.ts';
import { chainText, importsOf, isFunctionNode, unwrap } from '../src/analysis/auth/syntax.ts';
import { meta } from './meta/cap-ai-usage.ts';
import { statementInList } from '../src/engine/ast.ts';
export { meta };

export const parser = 'tsx';

const TOO_LONG = 'Input is missing or too long';

/** OpenAI's reasoning models refuse `max_tokens` in chat completions and take `max_completion_tokens`. */
const COMPLETION_TOKEN_MODELS = /^(o\d|gpt-5)/;

function capKey(ai: AiCall, model: string | null, aiSdkMajor: number): string {
  if (ai.provider === 'ai-sdk') return aiSdkMajor > 0 && aiSdkMajor < 5 ? 'maxTokens' : 'maxOutputTokens';
  if (ai.capKeys.includes('max_completion_tokens') && model && COMPLETION_TOKEN_MODELS.test(model)) return 'max_completion_tokens';
  return ai.capKeys[0]!;
}

/** Writes the cap into the request's object (or the object nested under it, created when missing); false when that object is built elsewhere. */
function addCap(edits: TextEdits, site: CapSite, property: string): boolean {
  const object = site.object as ObjectExpression & { start: number; end: number };
  if (!site.nested) {
    edits.appendProperty(object, property);
    return true;
  }
  const nested = objectKeys(site.object).keys.get(site.nested);
  if (!nested) {
    edits.appendProperty(object, `${site.nested}: { ${property} }`);
    return true;
  }
  const inner = nested.type === 'ObjectProperty' ? objectLiteral(nested.value as Node, new Map()) : null;
  if (!inner) return false;
  edits.appendProperty(inner as ObjectExpression & { start: number; end: number }, property);
  return true;
}

const isBlock = (node: Node | undefined) => node?.type === 'BlockStatement' || node?.type === 'Program' || node?.type === 'SwitchCase';
const isStatement = (node: Node) => /Statement$|Declaration$/.test(node.type) && node.type !== 'BlockStatement';

/** The innermost statement of the handler's own body (not inside a callback) that holds the call: where a guard can `return`. */
function guardTarget(chain: readonly Node[], handlerFn: Node): Node | null {
  const from = chain.indexOf(handlerFn);
  if (from < 0) return null;
  let target: Node | null = null;
  for (let i = from + 1; i < chain.length; i++) {
    if (isFunctionNode(chain[i]!)) break;
    if (isStatement(chain[i]!) && isBlock(chain[i - 1])) target = chain[i]!;
  }
  return target;
}

/**
 * How a guard checks an input: what it must be (a string where the API takes text, a list for
 * messages), and how its length is counted toward the limit. A value written into a template counts
 * as `String(value)`, which is how the template writes it: a number or an object there goes on working.
 */
function inputCheck(path: string, shape: Prompt['shape']): { type: string | null; length: string } {
  if (shape === 'text') return { type: `typeof ${path} !== 'string'`, length: `${path}.length` };
  if (shape === 'interpolated') return { type: null, length: `String(${path}).length` };
  if (shape === 'list') return { type: `!Array.isArray(${path})`, length: `JSON.stringify(${path}).length` };
  return { type: null, length: `JSON.stringify(${path} ?? '').length` };
}

/** Whether a name holds its value at `at` in the handler: one of its parameters, or declared in it before. */
function declaredBefore(name: string, fn: Node, at: number): boolean {
  let declared = false;
  forEachNode(fn, (node) => {
    if (declared || node.start! >= at) return;
    if (node.type === 'Identifier' && node.name === name && node.start! < (fn as { body: Node }).body.start!) declared = true;
    if (node.type === 'VariableDeclarator' && boundNames(node.id).includes(name)) declared = true;
  });
  return declared;
}

/** `body.model || 'gpt-4o'`: the model the code falls back to when the caller names none. */
function fallbackModel(value: Node): string | null {
  const node = unwrap(value);
  if (node?.type === 'LogicalExpression') return staticString(node.right) ?? staticString(node.left);
  if (node?.type === 'ConditionalExpression') return staticString(node.alternate) ?? staticString(node.consequent);
  return null;
}

/** `{ model }`: the property whose value is the node, when it is written shorthand. */
function shorthandProperty(program: BabelProgram, value: Node): Node | null {
  let found: Node | null = null;
  forEachNode(program, (node) => {
    if (!found && node.type === 'ObjectProperty' && node.shorthand && node.value === value) found = node;
  });
  return found;
}

export default function capAiUsage(file: FileInfo, api: API, options: Answers): string | undefined {
  if (!AI_CALL_TEXT.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = sourceTree(j, file.source);
  const program = root.find(j.Program).get().node as unknown as BabelProgram;
  const ast = { type: 'File', program } as BabelFile;
  const handlers = moduleHandlers(file.path, ast);
  if (handlers.length === 0) return undefined;
  const found = aiCallsOnRequestPath(program, handlers, file.source).filter(
    (call) => call.noCap || call.modelFromRequest || call.unboundedInputs.length > 0,
  );
  if (found.length === 0) return undefined;

  const maxTokens = Number(options.maxTokens ?? 1024);
  const maxInputChars = Number(options.maxInputChars ?? 8000);
  const answered = String(options.model ?? '').trim();
  const projectModels = JSON.parse(String(options.projectModels || '{}')) as Record<string, string>;
  const fileModels = mostUsedModels(modelLiterals(program));
  const aiSdkMajor = Number(options.aiSdkMajor ?? 0);
  const nextResponse = importsOf(program).has('NextResponse');

  const chains = new Map<Node, Node[]>();
  const targets = new Set<Node>(found.map((call) => call.ai.node));
  forEachNode(program, (node, ancestors) => {
    if (targets.has(node)) chains.set(node, [...ancestors, node]);
  });

  const edits = new TextEdits(file.source, file.path);
  const guarded = new Set<string>();
  for (const call of found) {
    const { ai } = call;
    const chain = chains.get(ai.node) ?? [];
    const notes: string[] = [];
    const note = (text: string) => notes.push(text);
    let model = staticString(ai.model);
    if (call.modelFromRequest) {
      const literal = answered || fallbackModel(call.modelFromRequest) || projectModels[ai.family] || fileModels[ai.family];
      if (literal) {
        const quoted = `'${literal.replace(/['\\]/g, '\\$&')}'`;
        const shorthand = shorthandProperty(program, call.modelFromRequest);
        if (shorthand) edits.replace(shorthand.start!, shorthand.end!, `model: ${quoted}`);
        else edits.replace(call.modelFromRequest.start!, call.modelFromRequest.end!, quoted);
        model = literal;
      } else note(`choose the model of this ${ai.api} call in code: the request names it, so a caller can pick the most expensive one`);
    }
    if (call.noCap) {
      const property = `${capKey(ai, model, aiSdkMajor)}: ${maxTokens}`;
      if (!ai.capSite || !addCap(edits, ai.capSite, property)) note(`cap the output tokens of this ${ai.api} call (${property})`);
    }
    if (call.unboundedInputs.length > 0 && !addGuards(call, chain))
      note(
        `bound the length of the request's prompt input (at most ${maxInputChars} characters) before this call, and refuse longer ones with a 400`,
      );
    // One note per call, so a second run finds it on the line above and adds nothing.
    const statement = statementInList(chain);
    if (notes.length > 0 && statement) edits.todoAbove(statement.start!, notes.join('; '));
  }
  return edits.changed ? edits.apply() : undefined;

  /** Guards the prompt inputs it can; false when some are left for a note. */
  function addGuards(call: AiCallOnPath, chain: readonly Node[]): boolean {
    const target = call.scope === call.handler.fn ? guardTarget(chain, call.handler.fn) : null;
    const checks: Array<{ type: string | null; length: string }> = [];
    let unguarded = false;
    for (const part of call.unboundedInputs) {
      const path = inputPath(part.value).path;
      const text = chainText(path);
      const rootName = text?.split('.')[0];
      if (!target || !text || text.includes('()') || !rootName || !declaredBefore(rootName, call.handler.fn, target.start!)) {
        unguarded = true;
        continue;
      }
      const pathText = file.source.slice(path.start!, path.end!);
      const key = `${target.start}:${pathText}`;
      if (guarded.has(key)) continue;
      guarded.add(key);
      checks.push(inputCheck(pathText, part.shape));
    }
    if (!target || checks.length === 0) return !unguarded;
    // One limit on all the request's text that goes into the prompt, not one per field.
    const total = `${checks.map((check) => check.length).join(' + ')} > ${maxInputChars}`;
    const condition = [...checks.flatMap((check) => (check.type ? [check.type] : [])), total].join(' || ');
    const names = { request: call.handler.request, response: call.handler.response, nextResponse };
    const lines = rejectLines(call.handler.kind, condition, names, 400, TOO_LONG);
    const indent = edits.indentAt(target.start!);
    const unit = indent.includes('\t') ? '\t' : '  ';
    const text = lines.map((line) => `${indent}${line.replace(/^ {2}/, unit)}`).join('\n');
    edits.insert(target.start!, `${text.trimStart()}\n${indent}`);
    return !unguarded;
  }
}
