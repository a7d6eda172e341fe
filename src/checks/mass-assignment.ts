import type { CallExpression, Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { memberName } from '../engine/ast.ts';
import { enclosingHandler, requestHandlers, type RequestHandler } from '../analysis/request-handlers.ts';
import {
  privilegedColumns,
  rowWrites,
  schemaCheckedNames,
  unwrap,
  wholeBodyIn,
  wholeBodyNames,
  writtenTable,
} from '../analysis/request-body.ts';
import { loadSchemas, schemaForFile } from '../sql/load-schema.ts';
import { qualifiedName } from '../sql/model.ts';
import { BODY_WRITE_TEXT, REQUEST_BODY_TEXT } from '../../transforms/meta/validate-request-body.ts';
import { anyOf } from '../engine/needles.ts';

const BODY_WRITES = anyOf(BODY_WRITE_TEXT);
const REQUEST_BODIES = anyOf(REQUEST_BODY_TEXT);

/** One whole-body write, recorded per file and matched with the schema once every file was read. */
interface BodyWrite {
  file: string;
  line: number;
  column: number;
  via: 'prisma' | 'supabase' | 'sql';
  target: string;
  label: string;
  body: string;
}

const SQL_WRITE = /\b(insert\s+into|update\s+[\w."]+\s+set)\b/i;

/** `Object.keys(x)` or `Object.entries(x)`: the `x`. */
function objectKeysArgument(call: CallExpression): Node | null {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'Object') return null;
  const method = memberName(callee);
  return method === 'keys' || method === 'entries' ? ((call.arguments[0] as Node | undefined) ?? null) : null;
}

export default defineCheck({
  meta: {
    id: 'mass-assignment',
    title: 'Request body written to the database whole',
    severity: 'high',
    category: 'auth',
    messages: {
      privilegedColumns:
        '`{{body}}` goes whole into `{{label}}`: a caller can set any column of {{table}}, {{columns}} included. Parse the body with a schema that lists the fields a user may set, and set the owner from the session.',
      anyColumn:
        '`{{body}}` goes whole into `{{label}}`: a caller can set any column of {{table}}, whatever the form sends. Parse the body with a schema that lists the fields a user may set.',
      sqlFromKeys:
        "the SQL's columns come from `Object.keys({{body}})`: a caller names the columns it writes, any column of the table. List the columns a user may set in the code.",
    },
    docs: 'A create or update that takes the request body as it comes (`data: req.body`, `data: await req.json()`, `.insert(body)`, `{ ...body }`) writes every field the caller sends, not only the ones the form shows: `role: "admin"`, `userId` of someone else, `price: 0`, `isAdmin`, `stripeCustomerId`. Parse the body with a schema (zod, valibot, yup) or pick the fields by name, and take the owner from the session.',
    prefilter: (text) => BODY_WRITES.test(text) && REQUEST_BODIES.test(text),
    fix: 'validate-request-body',
    finds:
      "a Pages API route, route handler or server action that passes the request body (or a server action's whole argument, or `Object.fromEntries(formData)`) whole to Prisma `create`/`update`/`upsert` `data`, to supabase-js `.insert()`/`.update()`/`.upsert()`, or spreads it there, with no schema parse of it in the handler; or builds SQL from `Object.keys(body)`. The message names the model's privileged columns (owner, role and admin flags, prices and balances, Stripe and subscription ids, verification flags, password hashes)",
    severityNote: 'medium where the schema knows the table and it has no privileged column',
    sources: [
      {
        title: 'OWASP: Mass Assignment Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html',
      },
      {
        title: 'OWASP API Security Top 10 (2023): API3 Broken Object Property Level Authorization',
        url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/',
      },
      { title: 'Zod: parse and safeParse', url: 'https://zod.dev/basics' },
    ],
  },
  check(ctx) {
    if (!ctx.ast) return;
    const handlers = requestHandlers(ctx.file.path, ctx.ast, ctx.project);
    if (handlers.length === 0) return;
    const facts = new Map<RequestHandler, { whole: Set<string>; checked: Set<string> }>();
    const factsOf = (handler: RequestHandler) => {
      let known = facts.get(handler);
      if (!known) facts.set(handler, (known = { whole: wholeBodyNames(handler), checked: schemaCheckedNames(handler) }));
      return known;
    };
    const text = (node: Node) => ctx.file.text.slice(node.start!, node.end!);
    /** How the message names the body: as written, without a type assertion around it. */
    const shown = (node: Node): string =>
      node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression'
        ? shown(node.expression)
        : text(node);
    const seen = new Set<string>();
    const at = (node: Node) => ({ file: ctx.file.path, line: node.loc!.start.line, column: node.loc!.start.column + 1 });
    return {
      CallExpression(call, ancestors) {
        const handler = enclosingHandler(handlers, ancestors);
        if (!handler) return;
        const { whole, checked } = factsOf(handler);
        const keysOf = objectKeysArgument(call);
        if (keysOf) {
          const value = unwrap(keysOf);
          const parsed = value.type === 'Identifier' && checked.has(value.name);
          if (wholeBodyIn(keysOf, handler, whole) === keysOf && !parsed && SQL_WRITE.test(text(handler.fn)))
            ctx.collect({ ...at(call), via: 'sql', target: '', label: '', body: text(keysOf) } satisfies BodyWrite);
          return;
        }
        for (const write of rowWrites(call)) {
          const body = wholeBodyIn(write.value, handler, whole);
          if (!body) continue;
          const value = unwrap(body);
          if (value.type === 'Identifier' && checked.has(value.name)) continue;
          const fact: BodyWrite = { ...at(body), via: write.via, target: write.target, label: write.label, body: shown(body) };
          // An upsert's `create` and `update` taking the same body are one mistake.
          const key = `${fact.line}:${fact.label}:${fact.body}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.collect(fact);
        }
      },
    };
  },
  finish(ctx) {
    const schemas = loadSchemas(ctx.project);
    for (const write of ctx.facts as BodyWrite[]) {
      const loc = { line: write.line, column: write.column };
      if (write.via === 'sql') {
        ctx.report({ file: write.file, loc, messageId: 'sqlFromKeys', data: { body: write.body } });
        continue;
      }
      const schema = schemaForFile(schemas, write.file);
      const table = schema ? writtenTable(schema, write) : undefined;
      const columns = schema && table ? privilegedColumns(schema, table) : [];
      const data = { body: write.body, label: write.label, via: write.via, target: write.target };
      if (!table) {
        ctx.report({ file: write.file, loc, messageId: 'anyColumn', data: { ...data, table: write.target } });
      } else if (columns.length === 0) {
        ctx.report({ file: write.file, loc, messageId: 'anyColumn', data: { ...data, table: qualifiedName(table) }, severity: 'medium' });
      } else {
        ctx.report({
          file: write.file,
          loc,
          messageId: 'privilegedColumns',
          data: { ...data, table: qualifiedName(table), columns: columns.map((c) => `\`${c}\``).join(', ') },
        });
      }
    }
  },
});
