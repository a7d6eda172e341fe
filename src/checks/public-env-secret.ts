import { PUBLIC_ENV_PREFIX, envRead } from '../analysis/env-reads.ts';
import { defineCheck } from './define.ts';
import { isNextConfigFile, propertyName } from '../engine/ast.ts';
import { isEnvTemplate } from '../project/env-files.ts';
import { clientGraph } from '../analysis/client-graph.ts';
import { providerOf, secretByName, withArticle } from '../secrets/secret-shapes.ts';
import type { EnvFile } from '../project/types.ts';
import { screened } from '../engine/needles.ts';

const PUBLIC_PREFIX_TEXT = screened(/NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_/);

interface PublicSecretRead {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** What each variable's value in a real env file is by its shape, where it is a credential. */
function secretValuesByName(envFiles: readonly EnvFile[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const env of envFiles) {
    if (isEnvTemplate(env.path)) continue;
    for (const variable of env.variables) {
      const kind = variable.secret ?? (variable.jwtRole === 'service_role' ? 'Supabase service-role key' : undefined);
      if (kind) kinds.set(variable.name, kind);
    }
  }
  return kinds;
}

const INLINED = 'the build inlines public variables into the browser bundle, where anyone can read it';

export default defineCheck({
  meta: {
    id: 'public-env-secret',
    title: 'Secret in a public environment variable',
    severity: 'critical',
    category: 'secrets',
    messages: {
      configEnvEntry:
        'next.config `env` entry {{variable}} looks like {{what}}: every `env` entry is inlined into the browser bundle. Rotate it and read it server-side instead.',
      readInBrowser: `{{variable}} holds {{what}}, and ${INLINED}: rotate it and read it server-side without the public prefix. It is read in browser code: {{chain}}`,
      publicPrefix:
        '{{variable}} holds {{what}} under a public prefix. No browser code reads it here, but the first that does puts the value in the bundle: rename it without the prefix.',
      envFileValue: `{{variable}} holds {{what}}, and ${INLINED}. Rotate it now and rename it without the public prefix.`,
    },
    docs: 'Variables with a public prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`), and every entry of `next.config` `env`, are copied into the JavaScript every visitor downloads. A secret there is public: rotate it with the provider, drop the prefix, and use it only in server code.',
    prefilter: (text, _project, file) => (isNextConfigFile(file) && /\benv\s*:/.test(text)) || PUBLIC_PREFIX_TEXT.test(text),
    fix: 'rename-public-secret-env',
    clientGraph: true,
    // Browser code that reads it has to call the server instead: that fix renames the variable too.
    otherFixes: ['move-secret-server-side'],
    finds:
      "a public-prefixed variable (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`) whose name (SECRET, SERVICE_ROLE, PRIVATE, PASSWORD, TOKEN, known provider keys) or value (credential shapes; a JWT whose `role` is `service_role`) says secret, in env files or read in code, and secret-named `next.config` `env` entries, which are always bundled. A read or `env` entry is critical when an env file gives that variable a credential's value. Tokens public by design don't count: anon and publishable keys, Shopify Storefront tokens, Mapbox `pk.` tokens, Algolia search-only keys, Sentry DSNs, PostHog and Segment write keys, Firebase web API keys. A read in browser code names the import chain and the key to rotate; a read in an API route, a script or other server code only asks for the rename, since the value reached no bundle",
    severityNote: 'high when only the name says secret',
    sources: [
      {
        title: 'Next.js: bundling environment variables for the browser',
        url: 'https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser',
      },
      { title: 'Next.js: next.config.js env', url: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/env' },
      { title: 'Supabase: API keys', url: 'https://supabase.com/docs/guides/api/api-keys' },
    ],
  },
  check(ctx) {
    const inConfig = isNextConfigFile(ctx.file.path);
    return {
      MemberExpression(member) {
        const name = envRead(member);
        if (!name || !PUBLIC_ENV_PREFIX.test(name) || !secretByName(name)) return;
        const read: PublicSecretRead = { name, file: ctx.file.path, line: member.loc!.start.line, column: member.loc!.start.column + 1 };
        ctx.collect(read);
      },
      ObjectProperty(node, ancestors) {
        if (!inConfig) return;
        const owner = ancestors.at(-2);
        if (owner?.type !== 'ObjectProperty' || propertyName(owner) !== 'env') return;
        const name = propertyName(node);
        if (!name || !secretByName(name)) return;
        const value = node.value;
        const byValue = secretValuesByName(ctx.project.envFiles).get((value.type === 'MemberExpression' && envRead(value)) || name);
        ctx.report({
          node,
          severity: byValue ? 'critical' : 'high',
          messageId: 'configEnvEntry',
          data: { variable: name, what: withArticle(providerOf(name, byValue)) },
        });
      },
    };
  },
  finish(ctx) {
    const reads = (ctx.facts as PublicSecretRead[]).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    const graph = reads.length > 0 ? clientGraph(ctx.project) : null;
    const valueKinds = secretValuesByName(ctx.project.envFiles);
    for (const read of reads) {
      const chain = graph!.chain(read.file);
      const byValue = valueKinds.get(read.name);
      const what = withArticle(providerOf(read.name, byValue));
      ctx.report({
        file: read.file,
        loc: { line: read.line, column: read.column },
        // Only the name says secret unless an env file's value has a credential's shape.
        severity: byValue ? 'critical' : 'high',
        messageId: chain ? 'readInBrowser' : 'publicPrefix',
        data: { variable: read.name, what, ...(chain ? { chain } : {}) },
        ...(chain
          ? {
              fix: 'move-secret-server-side',
              rotate: { key: read.name, why: 'browser code reads it, so its value is in the JavaScript bundle' },
            }
          : {}),
      });
    }
    for (const env of ctx.project.envFiles) {
      if (isEnvTemplate(env.path)) continue;
      for (const variable of env.variables) {
        if (!PUBLIC_ENV_PREFIX.test(variable.name)) continue;
        const serviceRole = variable.jwtRole === 'service_role';
        const byValue = variable.secret ?? (serviceRole ? 'Supabase service-role key' : undefined);
        if (variable.jwtRole === 'anon' || (!byValue && !secretByName(variable.name))) continue;
        ctx.report({
          file: env.path,
          loc: { line: variable.line, column: 1 },
          severity: byValue ? 'critical' : 'high',
          messageId: 'envFileValue',
          data: { variable: variable.name, what: withArticle(providerOf(variable.name, byValue)) },
          rotate: {
            key: variable.name,
            why: `its ${env.path} value is ${withArticle(providerOf(variable.name, byValue))} under a public prefix`,
          },
        });
      }
    }
  },
});
