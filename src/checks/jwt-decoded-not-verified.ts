import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { JWT_LIBRARY_TEXT, isJwtVerify, jwtDecoder } from '../analysis/jwt-calls.ts';
import { type ImportedBinding, importedBindings, visitNodes } from '../analysis/imported-bindings.ts';
import { browserOnly } from '../analysis/browser-only.ts';
import { type ClientCodeFact, clientGraph, inPageDataFunction } from '../analysis/client-graph.ts';
import { enclosingFunction, memberName } from '../engine/ast.ts';

/** Claims that say when a token is valid or how it was signed, not who holds it: reading them is no identity decision. */
const TIMING_CLAIMS = new Set(['exp', 'iat', 'nbf', 'header', 'alg', 'kid', 'typ', 'iss', 'aud']);

interface UnverifiedDecode extends ClientCodeFact {
  call: string;
  claims: string;
}

const unwrap = (ancestors: readonly Node[], index: number): number => {
  let i = index;
  while (i >= 0 && ['TSAsExpression', 'TSNonNullExpression', 'AwaitExpression', 'ParenthesizedExpression'].includes(ancestors[i]!.type))
    i--;
  return i;
};

/**
 * The claims code reads from a decoded token: `decoded.userId`, `const { sub } = decode(t)`,
 * `decode(t).role`. Null when the whole payload goes somewhere (returned, passed on), which reads every claim.
 */
function claimsRead(ancestors: readonly Node[], scope: Node): Set<string> | null {
  const holderIndex = unwrap(ancestors, ancestors.length - 1);
  const holder = ancestors[holderIndex];
  if (!holder) return null;
  const claims = new Set<string>();
  const fromPattern = (pattern: Node): boolean => {
    if (pattern.type !== 'ObjectPattern') return false;
    for (const property of pattern.properties) {
      if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier') return false;
      claims.add(property.key.name);
    }
    return true;
  };
  const member = memberName(holder);
  if (member) return new Set([member]);
  if (holder.type !== 'VariableDeclarator') return null;
  if (fromPattern(holder.id)) return claims;
  if (holder.id.type !== 'Identifier') return null;
  const name = holder.id.name;
  let whole = false;
  visitNodes(scope, {
    Identifier(identifier, path) {
      if (identifier.name !== name || identifier === holder.id) return;
      const parent = path.at(-1)!;
      const read = memberName(parent);
      if (read && (parent as { object?: Node }).object === identifier) claims.add(read);
      else if (parent.type === 'VariableDeclarator' && parent.init === identifier && fromPattern(parent.id)) return;
      else if (parent.type === 'ObjectProperty' && parent.key === identifier && !parent.shorthand) return;
      else if (parent.type === 'IfStatement' || parent.type === 'UnaryExpression' || parent.type === 'LogicalExpression') return;
      else whole = true;
    },
  });
  return whole ? null : claims;
}

export default defineCheck({
  meta: {
    id: 'jwt-decoded-not-verified',
    title: 'Identity taken from a JWT that is decoded, not verified',
    severity: 'high',
    category: 'auth',
    messages: {
      decodedNotVerified:
        '`{{call}}` reads {{claims}} from a token without checking its signature: anyone can write a token that names another user or role.',
    },
    docs: 'Decoding a JWT only base64-decodes its payload: it does not check the signature, so a caller can edit the payload (`sub`, `userId`, `role`) and the server believes it. On the server, read identity only from `jwt.verify(token, secret)` (jsonwebtoken) or `await jwtVerify(token, key)` (jose), which reject a token that was changed or has expired. Decoding in browser code to show a name or schedule a refresh is fine: the server verifies the token when it is used.',
    prefilter: JWT_LIBRARY_TEXT,
    fix: null,
    clientGraph: true,
    finds:
      'server code that takes claims from `jwt.decode()` (jsonwebtoken), `decodeJwt()` (jose) or `jwtDecode()` (jwt-decode) in a function that never verifies the token with `jwt.verify` or `jwtVerify`. Reading only timing and header claims (`exp`, `iat`, `nbf`, `alg`, `kid`) is no identity decision and is left alone, and so is a decode in browser code (a module only client code reaches, through the import graph)',
    sources: [
      {
        title: 'jsonwebtoken: jwt.decode does not verify the signature',
        url: 'https://github.com/auth0/node-jsonwebtoken#jwtdecodetoken--options',
      },
      { title: 'jose: decodeJwt', url: 'https://github.com/panva/jose/blob/main/docs/util/decode_jwt/functions/decodeJwt.md' },
      { title: 'jose: jwtVerify', url: 'https://github.com/panva/jose/blob/main/docs/jwt/verify/functions/jwtVerify.md' },
      {
        title: 'OWASP: JSON Web Token cheat sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
      },
    ],
  },
  check(ctx) {
    let bindings = new Map<string, ImportedBinding>();
    return {
      Program(program) {
        bindings = importedBindings(program);
      },
      CallExpression(call, ancestors) {
        const label = jwtDecoder(call, bindings);
        if (!label) return;
        const scope = enclosingFunction(ancestors) ?? ancestors[0]!;
        let verified = false;
        visitNodes(scope, {
          CallExpression(inner) {
            if (isJwtVerify(inner, bindings)) verified = true;
          },
        });
        if (verified) return;
        const claims = claimsRead(ancestors, scope);
        if (claims && [...claims].every((claim) => TIMING_CLAIMS.has(claim))) return;
        ctx.collect({
          file: ctx.file.path,
          line: call.loc!.start.line,
          column: call.loc!.start.column + 1,
          serverSide: inPageDataFunction(ancestors),
          call: label,
          claims: claims ? [...claims].map((claim) => `\`${claim}\``).join(', ') : 'its claims',
        } satisfies UnverifiedDecode);
      },
    };
  },
  finish(ctx) {
    const facts = ctx.facts as UnverifiedDecode[];
    if (facts.length === 0) return;
    const graph = clientGraph(ctx.project);
    for (const fact of facts) {
      if (!fact.serverSide && browserOnly(graph, fact.file)) continue;
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        messageId: 'decodedNotVerified',
        data: { call: fact.call, claims: fact.claims },
      });
    }
  },
});
