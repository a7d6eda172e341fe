import type { CallExpression, Node, StringLiteral, TemplateLiteral } from '@babel/types';
import { defineCheck } from './define.ts';
import { propertyName } from '../engine/ast.ts';
import { looksRandom, secretKind, withArticle } from '../engine/secret-shapes.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';

const SECRET_NAME = /secret|api[_-]?key|apikey|token|passw(or)?d|private[_-]?key|credential|auth[_-]?key/i;
const CHEAP_SHAPES = /sk_live_|sk_test_|rk_live_|rk_test_|sk-|sb_secret_|AKIA|PRIVATE KEY|eyJ|:\/\/[^\s'"`]*:[^\s'"`]*@/;

function literalValue(node: Node): string | null {
  if (node.type === 'StringLiteral') return (node as StringLiteral).value;
  if (node.type === 'TemplateLiteral' && (node as TemplateLiteral).expressions.length === 0) return (node as TemplateLiteral).quasis[0]!.value.cooked ?? null;
  return null;
}

/** The name a literal is given: `const apiKey = '…'`, `{ token: '…' }`, `headers.Authorization = '…'`. */
function nameFor(parent: Node | undefined, node: Node): string | null {
  if (!parent) return null;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'ObjectProperty' && parent.value === node) return propertyName(parent);
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    const left = parent.left;
    if (left.type === 'Identifier') return left.name;
    if (left.type === 'MemberExpression' && left.property.type === 'Identifier') return left.property.name;
  }
  return null;
}

/** `jwt.sign(payload, '…')` and `jwt.verify(token, '…')`: the literal is the signing secret. */
function isJwtSecretArgument(parent: Node | undefined, node: Node): boolean {
  if (parent?.type !== 'CallExpression') return false;
  const call = parent as CallExpression;
  const callee = call.callee;
  const method = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : callee.type === 'Identifier' ? callee.name : null;
  return (method === 'sign' || method === 'verify') && call.arguments[1] === node;
}

export default defineCheck({
  meta: {
    id: 'hardcoded-secret',
    title: 'Secret written into the source code',
    severity: 'critical',
    category: 'secrets',
    docs: 'A key in the source is in every clone, fork and build log, and in the git history even after it is deleted. Anyone who sees it can use it: rotate it with the provider, then read it from an environment variable (`process.env.NAME`) that is set on the server only.',
    prefilter: (text) => CHEAP_SHAPES.test(text) || SECRET_NAME.test(text),
    fix: 'extract-hardcoded-secret',
  },
  check(ctx) {
    // Tests and fixtures hold fake keys more often than real ones.
    const severity = isDevelopmentFile(ctx.file.path) || /(^|\/)(fixtures?|__fixtures__|__testfixtures__|mocks?)\//.test(ctx.file.path) ? 'low' : undefined;
    const visit = (node: Node, ancestors: readonly Node[]) => {
      const value = literalValue(node);
      if (!value || value.length < 8) return;
      const parent = ancestors.at(-1);
      const kind = secretKind(value);
      const named = nameFor(parent, node);
      const reason = kind
        ? withArticle(kind)
        : (named && SECRET_NAME.test(named) && looksRandom(value)) || (isJwtSecretArgument(parent, node) && value.length >= 8)
          ? `a literal secret${named ? ` in \`${named}\`` : ' used to sign tokens'}`
          : null;
      if (!reason) return;
      ctx.report({
        node,
        secrets: [value],
        severity,
        message: `The source holds ${reason} (${value.slice(0, 6)}…, ${value.length} chars): rotate it, then read it from a server-only environment variable.`,
        data: { kind: kind ?? 'named-secret', name: named },
        ...(severity === 'low' ? {} : { rotate: { key: `${kind ?? 'secret'} ${value.slice(0, 6)}… in ${ctx.file.path}:${node.loc!.start.line}`, why: 'written in the source, so it is in the git history' } }),
      });
    };
    return { StringLiteral: visit, TemplateLiteral: visit };
  },
});

