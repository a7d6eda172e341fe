import type { Node, Program } from '@babel/types';
import { absoluteUrlOf, moduleStringConstants } from '../fetch-calls.ts';
import { queryKind } from '../query-calls.ts';
import type { CallerInput } from '../request-input.ts';
import { chainText, importsOf, visitInside } from './syntax.ts';

/** Something a handler does that needs to know who asks. */
export interface HandlerEffect {
  kind: 'write' | 'read' | 'paid';
  /** For the message: `deletes rows of "posts" by an id from the request`, `calls OpenAI`. */
  what: string;
  line: number;
  /** The table or model read, for reads, which matter only where the table has an owner. */
  table?: string;
  via?: 'prisma' | 'supabase' | 'sql' | 'other';
}

const PAID_PACKAGES: ReadonlyArray<[RegExp, string]> = [
  [/^openai$|^@ai-sdk\/openai$/, 'OpenAI'],
  [/^@anthropic-ai\/sdk$|^@ai-sdk\/anthropic$/, 'Anthropic'],
  [/^@google\/(?:generative-ai|genai)$|^@ai-sdk\/google$/, 'Google Gemini'],
  [/^googleapis$|^@googleapis\//, 'Google APIs'],
  [/^stripe$/, 'Stripe'],
  [/^resend$/, 'Resend'],
  [/^@sendgrid\/mail$/, 'SendGrid'],
  [/^twilio$/, 'Twilio'],
  [/^replicate$/, 'Replicate'],
  [/^groq-sdk$|^@ai-sdk\/groq$/, 'Groq'],
  [/^@mistralai\/|^@ai-sdk\/mistral$/, 'Mistral'],
  [/^cohere-ai$/, 'Cohere'],
  [/^elevenlabs$|^@elevenlabs\//, 'ElevenLabs'],
  [/^@pinecone-database\//, 'Pinecone'],
];
const AI_SDK_CALLS = /^(?:generateText|streamText|generateObject|streamObject|embed|embedMany|generateImage)$/;

const PAID_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\.)openai\.com$/, 'OpenAI'],
  [/(^|\.)anthropic\.com$/, 'Anthropic'],
  [/(^|\.)zoom\.us$/, 'Zoom'],
  [/^generativelanguage\.googleapis\.com$/, 'Google Gemini'],
  [/(^|\.)googleapis\.com$/, 'Google APIs'],
  [/(^|\.)stripe\.com$/, 'Stripe'],
  [/(^|\.)resend\.com$/, 'Resend'],
  [/(^|\.)twilio\.com$/, 'Twilio'],
  [/(^|\.)sendgrid\.com$/, 'SendGrid'],
  [/(^|\.)replicate\.com$/, 'Replicate'],
  [/(^|\.)groq\.com$/, 'Groq'],
  [/(^|\.)openrouter\.ai$/, 'OpenRouter'],
  [/(^|\.)elevenlabs\.io$/, 'ElevenLabs'],
  [/(^|\.)mistral\.ai$/, 'Mistral'],
  [/(^|\.)deepseek\.com$/, 'DeepSeek'],
];
/** Names a project gives its own SDK clients: `openai`, `anthropicClient`, `stripe`, `resend`. */
const PAID_CLIENT_NAME: ReadonlyArray<[RegExp, string]> = [
  [/^openai/i, 'OpenAI'],
  [/^(?:anthropic|claude)/i, 'Anthropic'],
  [/^(?:gemini|genAI|genai)/, 'Google Gemini'],
  [/^stripe/i, 'Stripe'],
  [/^resend/i, 'Resend'],
  [/^twilio/i, 'Twilio'],
  [/^(?:sgMail|sendgrid)/i, 'SendGrid'],
  [/^replicate/i, 'Replicate'],
  [/^groq/i, 'Groq'],
];

const PRISMA_WRITES: Record<string, string> = {
  create: 'writes to',
  createMany: 'writes to',
  createManyAndReturn: 'writes to',
  upsert: 'writes to',
  update: 'updates rows of',
  updateMany: 'updates rows of',
  delete: 'deletes rows of',
  deleteMany: 'deletes rows of',
};
const PRISMA_READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany']);
const SUPABASE_WRITES: Record<string, string> = {
  insert: 'writes to',
  upsert: 'writes to',
  update: 'updates rows of',
  delete: 'deletes rows of',
};
const MONGO_WRITES: Record<string, string> = {
  insertOne: 'writes to',
  insertMany: 'writes to',
  findByIdAndUpdate: 'updates rows of',
  findOneAndUpdate: 'updates rows of',
  updateOne: 'updates rows of',
  replaceOne: 'updates rows of',
  findByIdAndDelete: 'deletes rows of',
  findOneAndDelete: 'deletes rows of',
  findByIdAndRemove: 'deletes rows of',
  deleteOne: 'deletes rows of',
};
const FIRESTORE_WRITES: Record<string, string> = { addDoc: 'writes to', setDoc: 'writes to', updateDoc: 'updates', deleteDoc: 'deletes' };
const SQL_WRITE = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert\s+into|update|delete\s+from)\s+(?:only\s+)?"?(?:\w+"?\.)?"?(\w+)/i;
const SQL_VERBS: Record<string, string> = { insert: 'writes to', update: 'updates rows of', delete: 'deletes rows of' };

/** A verb from one of the tables above, never an `Object.prototype` member such as `toString`. */
const own = (record: Record<string, string>, key: string): string | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** The `.from('table')` a supabase-js chain starts from, and the methods called on it, innermost first. */
function supabaseChain(call: Node): { table: string | null; methods: string[]; root: string | null } | null {
  const methods: string[] = [];
  let current: Node = call;
  while (current.type === 'CallExpression' || current.type === 'OptionalCallExpression' || current.type === 'AwaitExpression') {
    if (current.type === 'AwaitExpression') {
      current = current.argument;
      continue;
    }
    const callee: Node = current.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') break;
    const name = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
    if (name === 'from') {
      const arg = current.arguments[0];
      const table = arg?.type === 'StringLiteral' ? arg.value : null;
      return { table, methods: methods.reverse(), root: chainText(callee.object) };
    }
    if (name) methods.push(name);
    current = callee.object;
  }
  return null;
}

function sqlText(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('?');
  return null;
}

/** Whether any expression inside `node` is caller input. */
function usesCallerInput(node: Node, input: CallerInput): boolean {
  let found = false;
  visitInside(node, (inner) => {
    if (found) return 'skip';
    if (input.sourceOf(inner) !== null) found = true;
  });
  return found;
}

/** Module-level names bound to a paid SDK: imports of its package, and clients built from them. */
function paidNames(program: Program): Map<string, string> {
  const names = new Map<string, string>();
  for (const [local, imported] of importsOf(program)) {
    const provider = PAID_PACKAGES.find(([pattern]) => pattern.test(imported.source))?.[1];
    if (provider) names.set(local, provider);
    else if (/^[.@~]/.test(imported.source)) {
      const named = PAID_CLIENT_NAME.find(([pattern]) => pattern.test(local))?.[1];
      if (named) names.set(local, named);
    }
  }
  // `const openai = new OpenAI()`, `const client = twilio(sid, token)`: a client of the same provider.
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      const init = d.init?.type === 'NewExpression' || d.init?.type === 'CallExpression' ? d.init : null;
      const root = init ? chainText(init.callee)?.split('.')[0] : undefined;
      if (d.id.type === 'Identifier' && root && names.has(root)) names.set(d.id.name, names.get(root)!);
    }
  }
  return names;
}

function serviceRoleNames(program: Program, fn: Node): Set<string> {
  const names = new Set<string>();
  for (const [local, imported] of importsOf(program))
    if (/^[.@~]/.test(imported.source) && /admin|serviceRole|service_role|privileged/i.test(local)) names.add(local);
  const scan = (root: Node) =>
    visitInside(
      root,
      (node) => {
        if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || node.init?.type !== 'CallExpression') return;
        if (/SERVICE_ROLE|SERVICE_KEY|SECRET_KEY/.test(JSON.stringify(node.init.arguments.map((a) => chainText(a as Node)))))
          names.add(node.id.name);
      },
      root === fn,
    );
  scan(program);
  scan(fn);
  return names;
}

/** What a handler writes, reads and spends, in source order; callbacks inside it count, as they run for the same request. */
export function handlerEffects(fn: Node, program: Program, input: CallerInput): HandlerEffect[] {
  const effects: HandlerEffect[] = [];
  const paid = paidNames(program);
  const privileged = serviceRoleNames(program, fn);
  const constants = moduleStringConstants(program);
  const byCaller = (node: Node) => (usesCallerInput(node, input) ? ' by an id from the request' : '');
  visitInside(
    fn,
    (node) => {
      if (node.type === 'TaggedTemplateExpression') {
        const match = SQL_WRITE.exec(sqlText(node.quasi) ?? '');
        if (match) effects.push(sqlEffect(match, node, byCaller(node)));
        return;
      }
      if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
      const line = node.loc?.start.line ?? 0;
      const callee = chainText(node.callee) ?? '';
      const parts = callee.split('.');
      const method = parts.at(-1)!;
      const root = parts[0]!.replace(/\(\)$/, '');
      const query = queryKind(node);
      if (query?.kind === 'prisma') {
        const model = parts.at(-2) ?? '';
        if (own(PRISMA_WRITES, method))
          effects.push({
            kind: 'write',
            what: `${own(PRISMA_WRITES, method)} "${model}"${/update|delete/.test(method) ? byCaller(node) : ''}`,
            line,
            via: 'prisma',
          });
        else if (PRISMA_READS.has(method))
          effects.push({ kind: 'read', what: `reads rows of "${model}"`, line, table: model, via: 'prisma' });
        return;
      }
      if (query?.kind === 'sql' && (method === 'query' || method === 'execute')) {
        const match = SQL_WRITE.exec(sqlText(node.arguments[0] as Node) ?? '');
        if (match) effects.push(sqlEffect(match, node, byCaller(node)));
        return;
      }
      const chain = own(SUPABASE_WRITES, method) || method === 'select' ? supabaseChain(node) : null;
      if (chain) {
        const table = chain.table ?? 'a table';
        const quoted = chain.table ? `"${table}"` : table;
        const admin = chain.root !== null && privileged.has(chain.root.split('.')[0]!);
        if (own(SUPABASE_WRITES, method))
          effects.push({
            kind: 'write',
            what: `${own(SUPABASE_WRITES, method)} ${quoted}${method === 'update' || method === 'delete' ? byCaller(node) : ''}${admin ? ' with the service-role key' : ''}`,
            line,
            via: 'supabase',
          });
        else if (admin)
          effects.push({
            kind: 'paid',
            what: `reads ${quoted} with the service-role key, which bypasses RLS`,
            line,
            table: chain.table ?? undefined,
            via: 'supabase',
          });
        else effects.push({ kind: 'read', what: `reads rows of ${quoted}`, line, table: chain.table ?? undefined, via: 'supabase' });
        return;
      }
      if (own(MONGO_WRITES, method) && parts.length >= 2) {
        effects.push({ kind: 'write', what: `${own(MONGO_WRITES, method)} ${parts.at(-2)}${byCaller(node)}`, line, via: 'other' });
        return;
      }
      if (parts.length === 2 && /^[A-Z]/.test(root) && (method === 'create' || method === 'insertMany')) {
        effects.push({ kind: 'write', what: `writes to ${root}`, line, via: 'other' });
        return;
      }
      if (parts.length === 1 && own(FIRESTORE_WRITES, method)) {
        effects.push({ kind: 'write', what: `${own(FIRESTORE_WRITES, method)} a Firestore document`, line, via: 'other' });
        return;
      }
      if (
        parts.length >= 2 &&
        ['insert', 'update', 'delete'].includes(method) &&
        node.arguments[0]?.type === 'Identifier' &&
        /^(?:db|tx|drizzle)$/.test(root)
      ) {
        effects.push({ kind: 'write', what: `${own(SQL_VERBS, method)} ${node.arguments[0].name}`, line, via: 'sql' });
        return;
      }
      if (parts.length === 1 && paid.has(root) && AI_SDK_CALLS.test(method)) {
        effects.push({ kind: 'paid', what: `calls ${paid.get(root)}`, line });
        return;
      }
      if (parts.length === 1 && AI_SDK_CALLS.test(method)) {
        const model = JSON.stringify(node.arguments.map((a) => chainText(a as Node)));
        effects.push({ kind: 'paid', what: `calls an AI model${/openai/i.test(model) ? ' (OpenAI)' : ''}`, line });
        return;
      }
      if (parts.length >= 2 && paid.has(root)) {
        effects.push({ kind: 'paid', what: `calls ${paid.get(root)}`, line });
        return;
      }
      if (parts.length >= 2 && privileged.has(root) && /^auth\.admin\./.test(parts.slice(1).join('.'))) {
        effects.push({ kind: 'paid', what: 'calls the Supabase admin API with the service-role key', line });
        return;
      }
      if (callee === 'fetch') {
        const url = absoluteUrlOf(node.arguments[0] as never, constants);
        const provider = url ? PAID_HOSTS.find(([pattern]) => pattern.test(url.host))?.[1] : undefined;
        if (provider) effects.push({ kind: 'paid', what: `calls ${provider}`, line });
      }
    },
    true,
  );
  return effects;
}

function sqlEffect(match: RegExpExecArray, node: Node, byCaller: string): HandlerEffect {
  const verb = own(SQL_VERBS, match[1]!.split(/\s+/)[0]!.toLowerCase())!;
  return {
    kind: 'write',
    what: `${verb} "${match[2]}"${verb === 'writes to' ? '' : byCaller}`,
    line: node.loc?.start.line ?? 0,
    via: 'sql',
  };
}
