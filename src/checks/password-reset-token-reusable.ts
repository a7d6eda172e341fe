import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { requestHandlers, type RequestHandler } from '../analysis/request-handlers.ts';
import { loadSchemas } from '../sql/load-schema.ts';
import { qualifiedName, type Table } from '../sql/model.ts';
import { screened } from '../engine/needles.ts';

const TOKEN_WORD = screened(/token/i);

const RESET_ROUTE = /reset|forgot|recover|new-password/i;
const RESET_TOKEN_NAME = screened(/(reset|forgot|recover)\w*token|token\w*(reset|forgot)|password_?reset|passwordReset/i);
const PASSWORD_FIELD = /^(password|hashed_?password|password_?hash|passwordHash|hashedPassword|encrypted_?password)$/i;
const DELETES = new Set(['delete', 'deleteMany', 'deleteOne', 'findOneAndDelete', 'findByIdAndDelete', 'destroy', 'remove']);
const USED_FLAG = /^(used|is_?used|used_?at|consumed|consumed_?at|redeemed|redeemed_?at|\$unset)$/i;
const SQL_PASSWORD_WRITE = /update\s+[\w."]+\s+set\s[^;]*password/i;
const SQL_INVALIDATES = /delete\s+from|token\w*"?\s*=\s*null|\bused(_at)?"?\s*=/i;

/** Tables that hold reset tokens by their name, and users tables with a reset-token column. */
const TOKEN_TABLE = /(password_?reset|reset_?password|forgot_?password|reset|forgot)_?tokens?$|^password_?resets?$/i;
const RESET_COLUMN = /^(password_?)?reset_?(password_?)?token$|^forgot_?(password_?)?token$/i;
const EXPIRY_COLUMN = /expir|expires|valid_?until|ttl/i;

const isEmpty = (node: Node) =>
  node.type === 'NullLiteral' ||
  (node.type === 'Identifier' && node.name === 'undefined') ||
  (node.type === 'StringLiteral' && node.value === '');

/** What a handler does with passwords and reset tokens. */
function resetFlow(handler: RequestHandler, source: string): { writesPassword: Node | null; invalidates: boolean } {
  let writesPassword: Node | null = null;
  let invalidates = false;
  forEachNode(handler.fn.body, (node, ancestors) => {
    const parent = ancestors.at(-1);
    if (node.type === 'ObjectProperty' && parent?.type === 'ObjectExpression') {
      const key = propertyName(node) ?? '';
      if (PASSWORD_FIELD.test(key) && !isEmpty(node.value as Node)) writesPassword ??= node;
      if ((/token/i.test(key) && isEmpty(node.value as Node)) || USED_FLAG.test(key)) invalidates = true;
    }
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      const key = memberName(node.left) ?? '';
      if (PASSWORD_FIELD.test(key)) writesPassword ??= node;
      if ((/token/i.test(key) && isEmpty(node.right)) || USED_FLAG.test(key)) invalidates = true;
    }
    if (node.type === 'CallExpression' && DELETES.has(memberName(node.callee) ?? '')) invalidates = true;
    if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') {
      const text = source.slice(node.start!, node.end!);
      if (SQL_PASSWORD_WRITE.test(text)) writesPassword ??= node;
      if (SQL_INVALIDATES.test(text)) invalidates = true;
    }
  });
  return { writesPassword, invalidates };
}

/** The handler hands the token to a function of its own (`consumeResetToken(token)`) whose body this file does not show. */
function delegatesToken(handler: RequestHandler): boolean {
  let delegated = false;
  forEachNode(handler.fn.body, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && /token/i.test(node.callee.name)) delegated = true;
  });
  return delegated;
}

function tableLabel(table: Table): string {
  return table.model ?? qualifiedName(table);
}

export default defineCheck({
  meta: {
    id: 'password-reset-token-reusable',
    title: 'Password-reset token stays valid after use, or never expires',
    severity: 'high',
    category: 'auth',
    messages: {
      tokenNotConsumed:
        'this reset changes the password but leaves the reset token in place: whoever holds the link (a mailbox, a browser history, a proxy log) can reset the password again. Delete the token, or mark it used, in the same write.',
      tableWithoutExpiry:
        '{{table}} holds password-reset tokens but has no expiry column: a token sent months ago still resets the password. Add an `expires_at` (minutes to an hour after issue) and check it when the token is used.',
      columnWithoutExpiry:
        '{{table}}.{{column}} holds a password-reset token but the table has no column for when it expires: a link sent months ago still works. Add one (`{{column}}_expires_at`) and check it when the token is used.',
    },
    docs: 'A reset token is a password for one use: until it is spent, whoever holds the link can set the password. OWASP asks that tokens be single-use and expire soon after issue. A reset handler that writes the new password must delete the token (or mark it used) in the same request, and the table or column that stores tokens needs an expiry that the handler checks.',
    prefilter: (text, _project, file) => TOKEN_WORD.test(text) && (RESET_ROUTE.test(file) || RESET_TOKEN_NAME.test(text)),
    fix: null,
    finds:
      'a request handler on a reset route (or one that reads a reset token) that writes a new password (Prisma/supabase-js/Mongoose writes, `user.password =`, `UPDATE … SET password`) and neither deletes the token, nor sets it to null, nor marks it used; and a reset-token table (`password_reset_tokens`, `PasswordResetToken`) or a reset-token column on users (`resetToken`, `reset_password_token`) with no expiry column beside it',
    sources: [
      {
        title: 'OWASP: Forgot Password Cheat Sheet (single use, expiry)',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html',
      },
      {
        title: 'OWASP ASVS 4.0, V2.3 Authenticator Lifecycle (2.3.1: expire soon after issue)',
        url: 'https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md',
      },
    ],
  },
  check(ctx) {
    if (!ctx.ast) return;
    const source = ctx.file.text;
    for (const handler of requestHandlers(ctx.file.path, ctx.ast, ctx.project)) {
      const text = source.slice(handler.fn.start!, handler.fn.end!);
      const onResetRoute = RESET_ROUTE.test(handler.route ?? ctx.file.path) || RESET_TOKEN_NAME.test(text);
      if (!onResetRoute || !/token/i.test(text)) continue;
      const { writesPassword, invalidates } = resetFlow(handler, source);
      if (writesPassword && !invalidates && !delegatesToken(handler)) ctx.report({ node: writesPassword, messageId: 'tokenNotConsumed' });
    }
  },
  finish(ctx) {
    for (const schema of loadSchemas(ctx.project)) {
      for (const table of schema.tables) {
        const names = [table.name, table.model ?? ''];
        const hasExpiry = table.columns.some((column) => EXPIRY_COLUMN.test(column.name));
        if (names.some((name) => TOKEN_TABLE.test(name))) {
          if (!hasExpiry)
            ctx.report({
              file: table.loc.file,
              loc: { line: table.loc.line, column: 1 },
              messageId: 'tableWithoutExpiry',
              data: { table: tableLabel(table) },
            });
          continue;
        }
        const fieldOf = new Map(Object.entries(table.fields ?? {}).map(([field, column]) => [column, field]));
        const column = table.columns.find((c) => RESET_COLUMN.test(c.name) || RESET_COLUMN.test(fieldOf.get(c.name) ?? ''));
        if (!column || hasExpiry) continue;
        ctx.report({
          file: column.loc.file,
          loc: { line: column.loc.line, column: 1 },
          messageId: 'columnWithoutExpiry',
          data: { table: tableLabel(table), column: fieldOf.get(column.name) ?? column.name },
        });
      }
    }
  },
});
