import { PUBLIC_ENV_PREFIX, envRead } from '../engine/env-reads.ts';
import type { MemberExpression, Node, ObjectProperty } from '@babel/types';
import { defineCheck } from './define.ts';
import { isNextConfigFile, propertyName } from '../engine/ast.ts';
import { isEnvTemplate } from '../project/env-files.ts';

const SECRET_WORDS = /SECRET|SERVICE_ROLE|PRIVATE|PASSWORD|PASSWD|TOKEN|DATABASE_URL|DB_URL|OPENAI_API_KEY|ANTHROPIC_API_KEY|STRIPE_(SECRET|RESTRICTED)|RESEND_API_KEY|SENDGRID_API_KEY|TWILIO_AUTH|AWS_SECRET|MONGODB_URI/;
/** Public by design: anon and publishable keys, public keys, analytics and site ids. */
const PUBLIC_WORDS = /ANON|PUBLISHABLE|PUBLIC_KEY|SITE_KEY|MEASUREMENT_ID|ANALYTICS|TRACKING/;

/** Why a variable's name says it is secret, or null. */
function secretByName(name: string): boolean {
  const bare = name.replace(PUBLIC_ENV_PREFIX, '');
  return SECRET_WORDS.test(bare) && !PUBLIC_WORDS.test(bare);
}

function providerOf(name: string, kind?: string): string {
  if (kind) return kind;
  const known: Array<[RegExp, string]> = [
    [/SERVICE_ROLE/, 'Supabase service-role key'],
    [/OPENAI/, 'OpenAI key'],
    [/ANTHROPIC/, 'Anthropic key'],
    [/STRIPE/, 'Stripe secret key'],
    [/DATABASE_URL|DB_URL|MONGODB_URI/, 'database connection string'],
  ];
  return known.find(([pattern]) => pattern.test(name))?.[1] ?? 'secret';
}

const INLINED = 'the build inlines public variables into the browser bundle, where anyone can read it';

export default defineCheck({
  meta: {
    id: 'public-env-secret',
    title: 'Secret in a public environment variable',
    severity: 'critical',
    category: 'secrets',
    docs: 'Variables with a public prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`), and every entry of `next.config` `env`, are copied into the JavaScript every visitor downloads. A secret there is public: rotate it with the provider, drop the prefix, and use it only in server code.',
    prefilter: (text, _project, file) => (isNextConfigFile(file) && /\benv\s*:/.test(text)) || /NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_/.test(text),
    fix: 'rename-public-secret-env',
  },
  check(ctx) {
    const inConfig = isNextConfigFile(ctx.file.path);
    return {
      MemberExpression(node: Node) {
        const member = node as MemberExpression;
        const name = envRead(member);
        if (!name || !PUBLIC_ENV_PREFIX.test(name) || !secretByName(name)) return;
        ctx.report({ node: member, message: `${name} holds a ${providerOf(name)}, and ${INLINED}: rotate it and read it server-side without the public prefix.`, data: { variable: name } });
      },
      ObjectProperty(node: Node, ancestors: readonly Node[]) {
        if (!inConfig) return;
        const owner = ancestors.at(-2);
        if (owner?.type !== 'ObjectProperty' || propertyName(owner) !== 'env') return;
        const name = propertyName(node as ObjectProperty);
        if (!name || !secretByName(name)) return;
        ctx.report({ node, message: `next.config \`env\` entry ${name} looks like a ${providerOf(name)}: every \`env\` entry is inlined into the browser bundle. Rotate it and read it server-side instead.`, data: { variable: name } });
      },
    };
  },
  finish(ctx) {
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
          message: `${variable.name} holds a ${providerOf(variable.name, byValue)}, and ${INLINED}. Rotate it now and rename it without the public prefix.`,
          data: { variable: variable.name },
        });
      }
    }
  },
});
