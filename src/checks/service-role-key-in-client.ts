import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { inClientCode, inPageDataFunction, type ClientCodeFact } from '../analysis/client-graph.ts';
import { envRead } from '../analysis/env-reads.ts';
import { jwtRole } from '../secrets/secret-shapes.ts';
import { SUPABASE_CLIENT_FACTORIES } from '../analysis/server-sdks.ts';
import type { Project } from '../project/types.ts';
import { screened } from '../engine/needles.ts';

const CLIENT_FACTORY_TEXT = screened(/create(?:Browser|Server)?Client/);
const SERVICE_KEY_TEXT = screened(/service_role|SERVICE_ROLE|sb_secret_|SECRET|eyJ/);

const PRIVILEGED_NAME = /SERVICE_ROLE|SUPABASE_SECRET|SB_SECRET/;

interface ServiceRoleClient extends ClientCodeFact {
  key: string;
}

/** Variables whose value in an env file is a service-role JWT or an `sb_secret_` key, whatever their name. */
function privilegedByValue(project: Project): Set<string> {
  return new Set(
    project.envFiles.flatMap((env) =>
      env.variables.filter((v) => v.jwtRole === 'service_role' || v.secret === 'Supabase secret key').map((v) => v.name),
    ),
  );
}

export default defineCheck({
  meta: {
    id: 'service-role-key-in-client',
    title: 'Supabase service-role key used in browser code',
    severity: 'critical',
    category: 'secrets',
    messages: {
      serviceRoleInBrowser:
        'Supabase client built with {{key}} in browser code: the key bypasses row level security and ships to every visitor. Rotate it in the Supabase dashboard, use the anon key here, and move privileged calls to the server. Client code because: {{chain}}',
    },
    docs: 'A Supabase client built with the service-role key (or an `sb_secret_` key) bypasses every row level security policy. In browser code the key ships in the bundle, so any visitor can read and change every row of every table. Rotate the key, use the anon key in the browser, and move privileged calls into server code.',
    prefilter: (text) => CLIENT_FACTORY_TEXT.test(text) && SERVICE_KEY_TEXT.test(text),
    fix: 'move-secret-server-side',
    clientGraph: true,
    finds:
      'a Supabase client (`createClient`, `createBrowserClient`, `createServerClient`) built in browser code with a service-role key or an `sb_secret_` key: a variable named for it, a variable whose value in an env file is such a key, a literal, or a constant holding one',
    sources: [
      { title: 'Supabase: API keys', url: 'https://supabase.com/docs/guides/api/api-keys' },
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
    ],
  },
  check(ctx) {
    const byValue = privilegedByValue(ctx.project);
    /** Module-level `const key = process.env.…` and literal keys, followed one step. */
    const constants = new Map<string, string>();
    const describeKey = (node: Node | undefined): string | null => {
      if (!node) return null;
      const variable = envRead(node);
      if (variable) return PRIVILEGED_NAME.test(variable) || byValue.has(variable) ? variable : null;
      if (node.type === 'StringLiteral') {
        if (node.value.startsWith('sb_secret_')) return 'an sb_secret_ key';
        if (jwtRole(node.value) === 'service_role') return 'a service_role JWT';
        return null;
      }
      if (node.type === 'Identifier') return constants.get(node.name) ?? null;
      if (node.type === 'LogicalExpression') return describeKey(node.left) ?? describeKey(node.right);
      if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return describeKey(node.expression);
      return null;
    };
    return {
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !node.init) return;
        const key = describeKey(node.init);
        if (key) constants.set(node.id.name, key);
      },
      CallExpression(call, ancestors) {
        if (call.callee.type !== 'Identifier' || !SUPABASE_CLIENT_FACTORIES.has(call.callee.name)) return;
        const key = describeKey(call.arguments[1] as Node | undefined);
        if (!key) return;
        const fact: ServiceRoleClient = {
          key,
          file: ctx.file.path,
          line: call.loc!.start.line,
          column: call.loc!.start.column + 1,
          serverSide: inPageDataFunction(ancestors),
        };
        ctx.collect(fact);
      },
    };
  },
  finish(ctx) {
    for (const { fact, chain } of inClientCode<ServiceRoleClient>(ctx.project, ctx.facts)) {
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        messageId: 'serviceRoleInBrowser',
        data: { key: fact.key, chain },
        ...(fact.key.startsWith('an sb_') || fact.key.startsWith('a service_role')
          ? { rotate: { key: `the Supabase service-role key in ${fact.file}:${fact.line}`, why: 'written into browser code' } }
          : {}),
      });
    }
  },
});
