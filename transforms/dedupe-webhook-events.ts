import type { Node, Program } from '@babel/types';
import { TextEdits } from '../src/engine/codemod.ts';
import { appendBlock } from '../src/engine/changeset.ts';
import { parseSource } from '../src/engine/parse.ts';
import type { ProjectTransformContext } from '../src/engine/transform-types.ts';
import { packageFor } from '../src/project/packages.ts';
import type { Project } from '../src/project/types.ts';
import {
  effectsOf,
  readsEventId,
  verifiedWebhooks,
  type Backend,
  type Effect,
  type VerifiedWebhook,
} from '../src/analysis/webhook-effects.ts';
import { forEachNode } from '../src/engine/walk.ts';
import { meta } from './meta/dedupe-webhook-events.ts';
export { meta };

const PRISMA_MODEL = [
  'model WebhookEvent {',
  '  id         String   @id',
  '  provider   String',
  '  type       String',
  '  receivedAt DateTime @default(now()) @map("received_at")',
  '',
  '  @@map("webhook_events")',
  '}',
];

const TODO_NO_STORE =
  "record the event's id before acting on it (a table with the id as primary key), and answer 200 to an id already recorded";

/** A name the module does not use yet. */
function freshName(source: string, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!new RegExp(`\\b${name}\\b`).test(source)) return name;
  }
}

interface Store {
  backend: Backend;
  client: string;
}

interface Snippets {
  /** Records the event, and returns `duplicate` when it was recorded before. */
  record(duplicate: string): string[];
  /** Deletes the record again, so the provider's retry of a failed delivery runs. */
  forget: string;
}

function snippets(store: Store, event: string, typed: boolean, source: string): Snippets {
  const { client } = store;
  const recorded = freshName(source, 'recorded');
  switch (store.backend) {
    case 'pg':
      return {
        record: (duplicate) => [
          `const ${recorded} = await ${client}.query(`,
          `  'INSERT INTO webhook_events (id, provider, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',`,
          `  [${event}.id, 'stripe', ${event}.type],`,
          ');',
          `if (${recorded}.rowCount === 0) ${duplicate}`,
        ],
        forget: `await ${client}.query('DELETE FROM webhook_events WHERE id = $1', [${event}.id]);`,
      };
    case 'postgres.js':
      return {
        record: (duplicate) => [
          `const ${recorded} = await ${client}\`INSERT INTO webhook_events (id, provider, type) VALUES (\${${event}.id}, \${'stripe'}, \${${event}.type}) ON CONFLICT DO NOTHING RETURNING id\`;`,
          `if (${recorded}.length === 0) ${duplicate}`,
        ],
        forget: `await ${client}\`DELETE FROM webhook_events WHERE id = \${${event}.id}\`;`,
      };
    case 'supabase': {
      const recordError = freshName(source, 'recordError');
      return {
        record: (duplicate) => [
          `const { data: ${recorded}, error: ${recordError} } = await ${client}`,
          `  .from('webhook_events')`,
          `  .upsert({ id: ${event}.id, provider: 'stripe', type: ${event}.type }, { onConflict: 'id', ignoreDuplicates: true })`,
          `  .select('id');`,
          `if (${recordError}) throw ${recordError};`,
          `if (!${recorded}?.length) ${duplicate}`,
        ],
        forget: `await ${client}.from('webhook_events').delete().eq('id', ${event}.id);`,
      };
    }
    case 'prisma': {
      const code = typed ? '(error as { code?: string }).code' : 'error?.code';
      return {
        record: (duplicate) => [
          'try {',
          `  await ${client}.webhookEvent.create({ data: { id: ${event}.id, provider: 'stripe', type: ${event}.type } });`,
          '} catch (error) {',
          `  if (${code} === 'P2002') ${duplicate}`,
          '  throw error;',
          '}',
        ],
        forget: `await ${client}.webhookEvent.delete({ where: { id: ${event}.id } });`,
      };
    }
  }
}

/** The answer to an event already recorded: 200, in the handler's own style. */
function duplicateAnswer(webhook: VerifiedWebhook): string {
  const response = webhook.handler.params[1] as Node | undefined;
  if (response?.type === 'Identifier') return `return ${response.name}.status(200).json({ received: true, duplicate: true });`;
  return "return new Response('duplicate event', { status: 200 });";
}

/** The statement of the handler's body that declares a name, if the body does. */
function declarationIn(webhook: VerifiedWebhook, name: string): Node | null {
  for (const statement of webhook.handler.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    let declares = false;
    for (const declarator of statement.declarations)
      forEachNode(declarator.id, (node) => {
        if (node.type === 'Identifier' && node.name === name) declares = true;
      });
    if (declares) return statement;
  }
  return null;
}

/** Whether the handler sees a name from outside its body: a parameter, an import or a module-level declaration. */
function boundOutside(webhook: VerifiedWebhook, program: Program, name: string): boolean {
  const binds = (pattern: Node | null | undefined) => {
    let found = false;
    if (pattern)
      forEachNode(pattern, (node) => {
        if (node.type === 'Identifier' && node.name === name) found = true;
      });
    return found;
  };
  if (name === 'this' || webhook.handler.params.some((param) => binds(param as Node))) return true;
  return program.body.some((top) => {
    const statement =
      (top.type === 'ExportNamedDeclaration' || top.type === 'ExportDefaultDeclaration') && top.declaration ? top.declaration : top;
    if (statement.type === 'ImportDeclaration') return statement.specifiers.some((specifier) => specifier.local.name === name);
    if (statement.type === 'VariableDeclaration') return statement.declarations.some((declarator) => binds(declarator.id));
    return (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id?.name === name;
  });
}

/** The indentation one level deeper than the handler's body: what the file indents by. */
function indentUnit(edits: TextEdits, webhook: VerifiedWebhook, indent: string): string {
  if (indent.startsWith('\t')) return '\t';
  const outer = edits.indentAt(webhook.handler.start!);
  return indent.length > outer.length && indent.startsWith(outer) ? indent.slice(outer.length) : '  ';
}

/** Where one webhook's handler records its event: after the verification and after the client it records with is declared. */
function planWebhook(
  webhook: VerifiedWebhook,
  program: Program,
  effects: readonly Effect[],
  source: string,
  edits: TextEdits,
  typed: boolean,
): Backend | null {
  const first = effects.find((effect) => effect.repeats)!;
  const store = effects.find((effect) => effect.repeats && effect.backend && effect.client) ?? effects.find((e) => e.backend && e.client);
  const statements = webhook.handler.body.body;
  const clientRoot = store ? /^[\w$]+/.exec(store.client!)?.[0] : undefined;
  const declared = clientRoot ? declarationIn(webhook, clientRoot) : null;
  // A client declared in a nested block (a `case`, an `if`) is out of reach where the event is recorded.
  const reachable = clientRoot !== undefined && (declared !== null || boundOutside(webhook, program, clientRoot));
  const after = Math.max(webhook.verification.end!, declared?.end ?? 0);
  const rest = statements.filter((statement) => statement.start! >= after);
  if (!store || !reachable || rest.length === 0 || first.site.start! < after) {
    edits.todoAbove(first.site.start!, TODO_NO_STORE);
    return null;
  }
  const indent = edits.indentAt(rest[0]!.start!);
  const unit = indentUnit(edits, webhook, indent);
  const code = snippets({ backend: store.backend!, client: store.client! }, webhook.event, typed, source);
  const record = code
    .record(duplicateAnswer(webhook))
    .map((line) => `${indent}${line.replace(/^(?: {2})+/, (levels) => unit.repeat(levels.length / 2))}`);
  edits.insert(after, `\n${record.join('\n')}\n${indent}try {`);
  // The rest moves one level in, except lines that start inside a template literal, whose text would change.
  const literals: Array<[number, number]> = [];
  for (const statement of rest)
    forEachNode(statement, (node) => {
      if (node.type === 'TemplateLiteral') literals.push([node.start!, node.end!]);
    });
  const end = rest.at(-1)!.end!;
  for (let at = edits.lineStart(rest[0]!.start!); at < end;) {
    const next = source.indexOf('\n', at);
    const line = source.slice(at, next < 0 ? source.length : next);
    if (!/^[ \t]*\r?$/.test(line) && !literals.some(([from, to]) => at > from && at < to)) edits.insert(at, unit);
    if (next < 0) break;
    at = next + 1;
  }
  edits.insert(end, `\n${indent}} catch (error) {\n${indent}${unit}${code.forget}\n${indent}${unit}throw error;\n${indent}}`);
  return store.backend!;
}

/** Records each verified Stripe event of a module before its first write; returns the stores it records in. */
export function dedupeSource(file: string, source: string, project?: Project): { text: string; backends: Set<Backend> } {
  const program: Program = parseSource(file, source).program;
  const edits = new TextEdits(source, file);
  const backends = new Set<Backend>();
  const typed = /\.[cm]?tsx?$/.test(file);
  for (const webhook of verifiedWebhooks(program, source, file, project)) {
    if (webhook.provider !== 'stripe' || readsEventId(webhook, program)) continue;
    const effects = effectsOf(webhook, program, source);
    if (!effects.some((effect) => effect.repeats)) continue;
    const backend = planWebhook(webhook, program, effects, source, edits, typed);
    if (backend) backends.add(backend);
  }
  return { text: edits.changed ? edits.apply() : source, backends };
}

export function plan({ project, findings, changeset }: ProjectTransformContext): void {
  const files = [...new Set(findings.filter((f) => f.ruleId === 'webhook-not-idempotent').map((f) => f.file))].sort();
  for (const file of files) {
    const source = changeset.read(file);
    if (source === null) continue;
    const { text: edited, backends } = dedupeSource(file, source, project);
    if (edited === source) continue;
    changeset.write(file, edited);
    const schemaFile = packageFor(project.packages, file)?.prismaSchema;
    const schema = schemaFile ? changeset.read(schemaFile) : null;
    if (backends.has('prisma') && schemaFile && schema !== null && !/^model\s+WebhookEvent\s*\{/m.test(schema)) {
      changeset.write(schemaFile, appendBlock(schema, PRISMA_MODEL));
      changeset.followUp({
        kind: 'command',
        message: 'npx prisma migrate dev --name webhook_events (creates the table webhook events are recorded in)',
      });
    }
    if (backends.has('pg') || backends.has('postgres.js') || backends.has('supabase'))
      changeset.followUp({ kind: 'command', message: 'shipshape sql: writes the migration that creates the webhook_events table' });
  }
}
