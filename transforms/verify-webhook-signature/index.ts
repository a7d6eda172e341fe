import type { File as BabelFile, Node, Program } from '@babel/types';
import type { ProjectTransformContext } from '../../src/engine/transform-types.ts';
import type { Changeset } from '../../src/engine/changeset.ts';
import type { Finding } from '../../src/types.ts';
import type { Project } from '../../src/project/types.ts';
import { TextEdits, insertImportLines } from '../../src/engine/codemod.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { forEachNode } from '../../src/engine/walk.ts';
import { requestHandlers, type RequestHandler } from '../../src/analysis/request-handlers.ts';
import { bodyParserDisabled, webhookOf, type Webhook } from '../../src/analysis/webhooks/index.ts';
import { documentEnvVariables } from '../generate-env-example.ts';
import { HMAC_HEADERS, SVIX_PROVIDERS, hmacLines, pagesConfigLines, stripeLines, svixLines, type SnippetContext } from './snippets.ts';
import { isPropertyAfterDot, statementInList } from '../../src/engine/ast.ts';
export { meta } from '../meta/verify-webhook-signature.ts';

const TODO_BY_FAULT: Record<string, string> = {
  failureIgnored: 'answer 400 and stop when the signature check fails',
  plainComparison: 'compare the signature with crypto.timingSafeEqual on equal-length buffers',
  parsedBody: 'verify the raw body (await req.text()) and parse the event from it afterwards',
};

interface FilePlan {
  edits: TextEdits;
  program: Program;
  imports: string[];
  secrets: Set<string>;
  packages: Set<string>;
  /** Module-level code to add once before the handler's statement: the Pages Router config and stream reader. */
  preamble: { at: number; lines: string[] } | null;
}

export async function plan({ project, findings, changeset }: ProjectTransformContext): Promise<void> {
  const relevant = findings.filter((f) => f.ruleId === 'webhook-signature-missing');
  const secrets = new Set<string>();
  const packages = new Set<string>();
  for (const file of [...new Set(relevant.map((f) => f.file))].sort()) {
    const source = changeset.read(file);
    if (source === null) continue;
    const ast = parseSource(file, source);
    const filePlan: FilePlan = { edits: new TextEdits(source, file), program: ast.program, imports: [], secrets, packages, preamble: null };
    for (const handler of requestHandlers(file, ast, project)) {
      const here = relevant.filter((f) => f.file === file && f.data?.handler === handler.name);
      const webhook = here.length > 0 ? webhookOf(handler, ast.program) : null;
      if (webhook) planHandler(file, ast, handler, webhook, here, filePlan);
    }
    finishFile(filePlan, changeset, file);
  }
  if (secrets.size > 0) await documentEnvVariables(project, changeset, [...secrets]);
  for (const name of [...secrets].sort())
    changeset.followUp({
      kind: 'manual',
      message: `set ${name} in .env.local and on the host: the webhook's signing secret, from the provider's dashboard`,
    });
  for (const name of [...packages].filter((name) => !declared(project, name)).sort())
    changeset.followUp({ kind: 'command', message: `npm install ${name}   # the webhook verification uses it` });
}

function declared(project: Project, name: string): boolean {
  return project.packages.some((pkg) => name in pkg.dependencies || name in pkg.devDependencies);
}

function finishFile(filePlan: FilePlan, changeset: Changeset, file: string): void {
  const { edits, program } = filePlan;
  const unit = indentUnit(edits.source);
  if (filePlan.preamble)
    edits.insert(filePlan.preamble.at, filePlan.preamble.lines.map((line) => line.replace(/\t/g, unit)).join('\n') + '\n');
  insertImportLines(edits, program, [...new Set(filePlan.imports)]);
  if (edits.changed) changeset.write(file, edits.apply());
}

function planHandler(
  file: string,
  ast: BabelFile,
  handler: RequestHandler,
  webhook: Webhook,
  findings: readonly Finding[],
  plan: FilePlan,
): void {
  const { edits } = plan;
  const typescript = /\.[cm]?tsx?$/.test(file);
  const todo = (node: Node, text: string) => {
    const statement = statementOf(handler.fn, node) ?? node;
    edits.todoAbove(statement.start!, text);
  };
  if (webhook.verification === 'broken') {
    for (const fault of webhook.faults) {
      if (fault.kind === 'bodyParser') fixBodyParser(ast, handler, webhook, typescript, plan);
      else if (fault.kind !== 'parsedBody' || !fixParsedBody(handler, webhook, edits)) todo(fault.node, TODO_BY_FAULT[fault.kind]!);
    }
    return;
  }
  if (!findings.some((f) => f.messageId === 'unverified')) return;
  const read = webhook.bodies.find((body) => ['json', 'parsed', 'form'].includes(body.kind));
  const supported = webhook.provider === 'stripe' || SVIX_PROVIDERS.has(webhook.provider) || HMAC_HEADERS[webhook.provider] !== undefined;
  if (!read || !supported || (webhook.pagesRouter && !handler.response) || !handler.request || !isAsync(handler.fn)) {
    todo(webhook.bodies[0]!.node, `verify the ${webhook.provider} webhook signature over the raw body before reading the event`);
    return;
  }
  const taken = namesIn(handler.fn);
  const eventName = taken.has('event') && !declaredAs(handler.fn, 'event', read.node) ? 'verifiedEvent' : 'event';
  const context: SnippetContext = {
    provider: webhook.provider,
    typescript,
    pagesRouter: webhook.pagesRouter,
    edge: isEdge(plan.program),
    request: handler.request,
    response: handler.response,
    secret: webhook.secret.name,
    event: eventName,
    eventType: typescript ? declaredBodyType(handler.fn, read.node, edits.source) : null,
    names: {
      rawBody: free('rawBody', taken),
      signature: free('signature', taken),
      digest: free('digest', taken),
      stripe: stripeImport(plan.program) ?? 'Stripe',
    },
  };
  const lines =
    webhook.provider === 'stripe' ? stripeLines(context) : SVIX_PROVIDERS.has(webhook.provider) ? svixLines(context) : hmacLines(context);
  const reads = webhook.bodies.filter((body) => body.kind === read.kind);
  const firstStatement = statementOf(handler.fn, reads[0]!.node)!;
  const indent = edits.indentAt(firstStatement.start!);
  const unit = indentUnit(edits.source);
  edits.insert(
    firstStatement.start!,
    lines.map((line, index) => (index === 0 ? '' : indent) + line.replace(/\t/g, unit)).join('\n') + `\n${indent}`,
  );
  for (const body of reads) replaceRead(handler, body.node, eventName, plan);
  if (webhook.provider === 'stripe' && !stripeImport(plan.program)) plan.imports.push("import Stripe from 'stripe';");
  if (webhook.provider === 'stripe') plan.packages.add('stripe');
  if (SVIX_PROVIDERS.has(webhook.provider)) {
    if (!importsName(plan.program, 'Webhook')) plan.imports.push("import { Webhook } from 'svix';");
    plan.packages.add('svix');
  }
  if (HMAC_HEADERS[webhook.provider]) {
    const missing = ['createHmac', 'timingSafeEqual'].filter((name) => !importsName(plan.program, name));
    if (missing.length > 0) plan.imports.push(`import { ${missing.join(', ')} } from 'node:crypto';`);
  }
  if (webhook.pagesRouter) addPagesPreamble(handler, typescript, plan);
  plan.secrets.add(webhook.secret.name);
}

function fixBodyParser(ast: BabelFile, handler: RequestHandler, webhook: Webhook, typescript: boolean, plan: FilePlan): void {
  const payload = webhook.verifier?.payload;
  const parsed = payload && webhook.bodies.some((body) => body.node === payload && body.kind === 'parsed');
  if (parsed && handler.request) plan.edits.replace(payload.start!, payload.end!, `await readRawBody(${handler.request})`);
  else if (!webhook.bodies.some((body) => body.kind === 'raw')) {
    plan.edits.todoAbove(
      statementOf(handler.fn, webhook.verifier!.call)!.start!,
      'verify the raw request body, read from the request stream',
    );
  }
  addPagesPreamble(handler, typescript, plan, !parsed);
  void ast;
}

/**
 * `const body = await req.json()` verified as `body` or `JSON.stringify(body)`, and used for nothing
 * else: the body is read as text instead and verified as it is.
 */
function fixParsedBody(handler: RequestHandler, webhook: Webhook, edits: TextEdits): boolean {
  const payload = webhook.verifier?.payload;
  if (!payload) return false;
  const stringified = isStringifyCall(payload) ? (payload.arguments[0] as Node | undefined) : null;
  const verified = stringified ?? payload;
  if (verified?.type !== 'Identifier') return false;
  const read = webhook.bodies.find((body) => body.binding === verified.name && body.kind === 'json');
  if (!read || read.node.type !== 'CallExpression' || read.node.callee.type !== 'MemberExpression') return false;
  if (references(handler.fn, verified.name) !== 1) return false;
  const method = read.node.callee.property;
  edits.replace(method.start!, method.end!, 'text');
  if (stringified) edits.replace(payload.start!, payload.end!, verified.name);
  return true;
}

function isStringifyCall(node: Node): node is Node & { type: 'CallExpression'; arguments: Node[] } {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'JSON' &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'stringify'
  );
}

/** How often a name is read in a function, leaving out its declaration and property names. */
function references(fn: Node, name: string): number {
  let count = 0;
  forEachNode(fn, (node, ancestors) => {
    if (node.type !== 'Identifier' || node.name !== name) return;
    const parent = ancestors.at(-1);
    if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
    if (isPropertyAfterDot(node, parent)) return;
    if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand) return;
    count++;
  });
  return count;
}

function addPagesPreamble(handler: RequestHandler, typescript: boolean, plan: FilePlan, configOnly = false): void {
  const withConfig = !bodyParserDisabled(plan.program);
  const withReader = !configOnly && !definesName(plan.program, 'readRawBody');
  if (!withConfig && !withReader) return;
  const top = plan.program.body.find((statement) => statement.start! <= handler.fn.start! && statement.end! >= handler.fn.end!);
  if (!top || plan.preamble) return;
  plan.preamble = { at: top.start!, lines: pagesConfigLines(typescript, withConfig, withReader) };
}

/** Replaces a body read with the event; `const x = <read>` goes, and `x` becomes the event. */
function replaceRead(handler: RequestHandler, read: Node, eventName: string, plan: FilePlan): void {
  const { edits } = plan;
  let outer: Node = read;
  let declaration: Node | null = null;
  forEachNode(handler.fn, (node, ancestors) => {
    if (node !== read) return;
    for (let index = ancestors.length - 1; index >= 0; index--) {
      const parent = ancestors[index]!;
      if (['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes(parent.type)) outer = parent;
      else {
        const holder = ancestors[index - 1];
        if (
          parent.type === 'VariableDeclarator' &&
          parent.id.type === 'Identifier' &&
          holder?.type === 'VariableDeclaration' &&
          holder.declarations.length === 1
        )
          declaration = holder;
        break;
      }
    }
  });
  const declared = declaration as (Node & { declarations: Array<{ id: { name: string } }> }) | null;
  if (declared) {
    const name = declared.declarations[0]!.id.name;
    // The declaration gives way to the verification inserted at its start, which ends with the next line's indent.
    let end = declared.end!;
    while (/\s/.test(edits.source[end] ?? '')) end++;
    edits.replace(declared.start!, end, '');
    if (name !== eventName) renameReferences(handler.fn, name, eventName, declared, edits);
    return;
  }
  edits.replace(outer.start!, outer.end!, eventName);
}

function renameReferences(fn: Node, from: string, to: string, skip: Node, edits: TextEdits): void {
  forEachNode(fn, (node, ancestors) => {
    if (node.type !== 'Identifier' || node.name !== from || ancestors.includes(skip)) return;
    const parent = ancestors.at(-1);
    if (isPropertyAfterDot(node, parent)) return;
    if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed) {
      if (parent.shorthand) edits.replace(node.start!, node.end!, `${from}: ${to}`);
      return;
    }
    if (parent?.type === 'ObjectProperty' && parent.shorthand) return;
    edits.replace(node.start!, node.end!, to);
  });
}

/** The statement of the handler's body (or of a block inside it) that holds a node. */
function statementOf(fn: Node, target: Node): Node | null {
  let found: Node | null = null;
  forEachNode(fn, (node, ancestors) => {
    if (node === target && !found) found = statementInList(ancestors);
  });
  return found ?? (target.type.endsWith('Statement') || target.type === 'VariableDeclaration' ? target : null);
}

/** The file's own indent step: a tab, or its narrowest run of leading spaces. */
function indentUnit(source: string): string {
  if (/^\t/m.test(source)) return '\t';
  const widths = [...source.matchAll(/^( +)[^\s*]/gm)].map((match) => match[1]!.length);
  return ' '.repeat(widths.length > 0 ? Math.min(...widths) : 2);
}

function namesIn(fn: Node): Set<string> {
  const names = new Set<string>();
  forEachNode(fn, (node) => {
    if (node.type === 'Identifier') names.add(node.name);
  });
  return names;
}

/** Whether `name` is bound in the function by the statement that reads the body (so the event may take it over). */
/** The type a handler gave the body it read: `const event: T = await req.json()`, or `… as T`. */
function declaredBodyType(fn: Node, read: Node, source: string): string | null {
  const statement = statementOf(fn, read);
  if (statement?.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return null;
  const declarator = statement.declarations[0]!;
  const annotation = declarator.id.type === 'Identifier' ? declarator.id.typeAnnotation : null;
  if (annotation?.type === 'TSTypeAnnotation') return source.slice(annotation.typeAnnotation.start!, annotation.typeAnnotation.end!);
  let init = declarator.init;
  while (init?.type === 'ParenthesizedExpression' || init?.type === 'AwaitExpression')
    init = init.type === 'AwaitExpression' ? init.argument : init.expression;
  return init?.type === 'TSAsExpression' ? source.slice(init.typeAnnotation.start!, init.typeAnnotation.end!) : null;
}

function declaredAs(fn: Node, name: string, read: Node): boolean {
  const statement = statementOf(fn, read);
  return statement?.type === 'VariableDeclaration' && statement.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name);
}

function free(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

function isAsync(fn: Node): boolean {
  return (fn as { async?: boolean }).async === true;
}

function isEdge(program: Program): boolean {
  return program.body.some(
    (statement) =>
      statement.type === 'ExportNamedDeclaration' &&
      statement.declaration?.type === 'VariableDeclaration' &&
      statement.declaration.declarations.some(
        (d) => d.id.type === 'Identifier' && d.id.name === 'runtime' && d.init?.type === 'StringLiteral' && /edge/.test(d.init.value),
      ),
  );
}

/** The local name of a value import of Stripe's default export. */
function stripeImport(program: Program): string | null {
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== 'stripe' || statement.importKind === 'type') continue;
    const specifier = statement.specifiers.find((s) => s.type === 'ImportDefaultSpecifier');
    if (specifier) return specifier.local.name;
  }
  return null;
}

function importsName(program: Program, name: string): boolean {
  return program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' && statement.importKind !== 'type' && statement.specifiers.some((s) => s.local.name === name),
  );
}

function definesName(program: Program, name: string): boolean {
  return program.body.some((statement) => statement.type === 'FunctionDeclaration' && statement.id?.name === name);
}
