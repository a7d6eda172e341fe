import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { clientGraph, inClientCode, inPageDataFunction, type ClientCodeFact } from '../analysis/client-graph.ts';
import { memberName, propertyName } from '../engine/ast.ts';
import { PUBLIC_ENV_PREFIX, envDestructured, envRead } from '../analysis/env-reads.ts';
import { providerOf, secretByName } from '../secrets/secret-shapes.ts';
import { SUPABASE_CLIENT_FACTORIES, mayReadSecret, sdkOf } from '../analysis/server-sdks.ts';
import { screened } from '../engine/needles.ts';

const BROWSER_KEY_TEXT = screened(/dangerouslyAllowBrowser|jsonwebtoken/);

interface SecretUse extends ClientCodeFact {
  kind: 'variable' | 'sdk' | 'browser-flag' | 'jwt-sign';
  /** The variable, the SDK, or the flag. */
  what: string;
}

/** A public-prefixed secret is `public-env-secret`'s finding, with the same import chain. */
function isServerSecret(name: string): boolean {
  return secretByName(name) && !PUBLIC_ENV_PREFIX.test(name);
}

const MESSAGE_IDS = {
  variable: 'serverSecretRead',
  sdk: 'serverSdkImport',
  'browser-flag': 'browserFlag',
  'jwt-sign': 'jwtSign',
} as const;

const BECAUSE = 'Client code because: {{chain}}';

export default defineCheck({
  meta: {
    id: 'secret-in-client-code',
    title: 'Secret or server-only SDK in browser code',
    severity: 'critical',
    category: 'secrets',
    messages: {
      serverSecretRead: `{{what}} ({{provider}}) is read in browser code: it is undefined there, and making it public would leak it. Move the code that uses it to the server. ${BECAUSE}`,
      serverSdkImport: `The {{what}} is imported in browser code: it needs a secret or a database connection, which must never reach the browser. Call it from a server action or route handler instead. ${BECAUSE}`,
      browserFlag: `dangerouslyAllowBrowser: true puts the API key into every visitor's browser. Rotate the key and make the call from the server. ${BECAUSE}`,
      jwtSign: `jsonwebtoken's sign() in browser code means the signing secret is in the bundle: anyone can mint tokens. Sign on the server. ${BECAUSE}`,
    },
    docs: 'Browser code is downloaded by every visitor. A secret it reads is either inlined into the bundle (public-prefixed) or undefined (anything else); an SDK such as OpenAI, Stripe, Prisma or pg needs a key or a database connection that must stay on the server. Move the code into a server action or route handler and let the browser call it.',
    prefilter: (text) => BROWSER_KEY_TEXT.test(text) || mayReadSecret(text),
    fix: 'move-secret-server-side',
    clientGraph: true,
    finds:
      "browser code that imports a server-only SDK (`openai`, `@anthropic-ai/sdk`, `stripe` but not `@stripe/stripe-js`, `resend`, `@sendgrid/mail`, `twilio`, `aws-sdk`/`@aws-sdk/client-*`, `pg`, `mysql2`, `postgres`, `@prisma/client`, `mongoose`, `firebase-admin`), signs JWTs with `jsonwebtoken`, sets `dangerouslyAllowBrowser: true` (one finding, not a second one for the SDK's import in that module), or reads a secret variable without a public prefix (undefined there, and leaked if made public)",
    severityNote: 'high for an SDK import or a server-only variable',
    sources: [
      { title: 'Next.js: data security', url: 'https://nextjs.org/docs/app/guides/data-security' },
      {
        title: 'Next.js: preventing environment poisoning (server-only)',
        url: 'https://nextjs.org/docs/app/getting-started/server-and-client-components#preventing-environment-poisoning',
      },
      {
        title: 'OpenAI: best practices for API key safety',
        url: 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
      },
    ],
  },
  check(ctx) {
    const file = ctx.file.path;
    const record = (kind: SecretUse['kind'], what: string, node: Node, ancestors: readonly Node[]) => {
      const use: SecretUse = {
        kind,
        what,
        file,
        line: node.loc!.start.line,
        column: node.loc!.start.column + 1,
        serverSide: inPageDataFunction(ancestors),
      };
      ctx.collect(use);
    };
    /** The key argument of a Supabase client factory is `service-role-key-in-client`'s finding. */
    const isSupabaseKeyArgument = (ancestors: readonly Node[]) => {
      const parent = ancestors.at(-1);
      return parent?.type === 'CallExpression' && parent.callee.type === 'Identifier' && SUPABASE_CLIENT_FACTORIES.has(parent.callee.name);
    };
    const jwtBindings = new Set<string>();
    return {
      ImportDeclaration(node, ancestors) {
        if (node.importKind === 'type') return;
        const source = node.source.value;
        if (source === 'jsonwebtoken') {
          for (const specifier of node.specifiers) {
            if (
              specifier.type === 'ImportSpecifier' &&
              (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === 'sign'
            )
              record('jwt-sign', 'sign', specifier, ancestors);
            else jwtBindings.add(specifier.local.name);
          }
          return;
        }
      },
      CallExpression(node, ancestors) {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          jwtBindings.has(callee.object.name) &&
          memberName(callee) === 'sign'
        ) {
          record('jwt-sign', 'sign', node, ancestors);
        }
      },
      MemberExpression(node, ancestors) {
        const name = envRead(node);
        if (name && isServerSecret(name) && !isSupabaseKeyArgument(ancestors)) record('variable', name, node, ancestors);
      },
      VariableDeclarator(node, ancestors) {
        for (const read of envDestructured(node)) if (isServerSecret(read.name)) record('variable', read.name, read.node, ancestors);
      },
      ObjectProperty(node, ancestors) {
        if (propertyName(node) !== 'dangerouslyAllowBrowser') return;
        if (node.value.type === 'BooleanLiteral' && node.value.value) record('browser-flag', 'dangerouslyAllowBrowser', node, ancestors);
      },
    };
  },
  finish(ctx) {
    // SDK imports come from the scan's text pass over every file, so no file is parsed for them.
    const graph = clientGraph(ctx.project);
    const imports: SecretUse[] = ctx.project.files.flatMap((file) =>
      graph.browserImports(file).flatMap(({ specifier, line, column }) => {
        const sdk = sdkOf(specifier);
        return sdk ? [{ kind: 'sdk' as const, what: sdk, file, line, column, serverSide: false }] : [];
      }),
    );
    // `dangerouslyAllowBrowser: true` is the same exposure as importing its SDK in that module: one finding, the critical one.
    const flagged = new Set((ctx.facts as SecretUse[]).filter((use) => use.kind === 'browser-flag').map((use) => use.file));
    const uses = [...ctx.facts, ...imports.filter((use) => !flagged.has(use.file))];
    for (const { fact, chain } of inClientCode<SecretUse>(ctx.project, uses)) {
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        severity: fact.kind === 'sdk' || fact.kind === 'variable' ? 'high' : 'critical',
        messageId: MESSAGE_IDS[fact.kind],
        data: { kind: fact.kind, what: fact.what, chain, ...(fact.kind === 'variable' ? { provider: providerOf(fact.what) } : {}) },
      });
    }
  },
});
