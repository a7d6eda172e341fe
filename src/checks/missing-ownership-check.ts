import type { Node } from '@babel/types';
import { defineCheck } from './define.ts';
import { RECORD_QUERY_TEXT } from '../../transforms/meta/scope-to-owner.ts';
import { recordQuery, type RecordAction, type RecordShape } from '../analysis/record-queries.ts';
import { ownershipGap, recordAccess } from '../analysis/record-access.ts';
import { requestHandlers } from '../analysis/request-handlers.ts';
import { isDevelopmentFile } from '../project/dependencies.ts';
import { loadSchemas, schemaForFile } from '../sql/load-schema.ts';
import { ownedTarget, ownedTargets } from '../sql/record-owners.ts';

/** A record query by a caller's id in a request handler, for `finish` to weigh against the schema. */
interface CallerRecordQuery {
  file: string;
  line: number;
  column: number;
  shape: RecordShape;
  action: RecordAction;
  target: string;
  serviceRole: boolean;
  comparisons: string[];
  callerColumns: string[];
  signedIn: boolean;
}

const CLIENT: Record<RecordShape, string> = {
  prisma: 'Prisma connects as the database owner and',
  sql: 'a direct database connection (pg, postgres.js)',
  supabase: 'the service-role client',
};

export default defineCheck({
  meta: {
    id: 'missing-ownership-check',
    title: "Record read or changed by a caller's id without checking its owner",
    severity: 'high',
    category: 'auth',
    messages: {
      readBypassesRls:
        "`{{target}}` is read by an id the caller sends (`{{callerColumns}}`) and nothing compares its owner `{{owner}}` with the signed-in user: {{client}} bypasses RLS, so any caller can read another user's row by changing the id.",
      updateBypassesRls:
        "`{{target}}` is updated by an id the caller sends (`{{callerColumns}}`) and nothing compares its owner `{{owner}}` with the signed-in user: {{client}} bypasses RLS, so any caller can change another user's row by changing the id.",
      deleteBypassesRls:
        "`{{target}}` is deleted by an id the caller sends (`{{callerColumns}}`) and nothing compares its owner `{{owner}}` with the signed-in user: {{client}} bypasses RLS, so any caller can delete another user's row by changing the id.",
      readWithoutOwnerPolicy:
        "`{{target}}` is read by an id the caller sends (`{{callerColumns}}`) with the user's session, but no RLS policy limits reads to the owner `{{owner}}`: another user's row comes back by changing the id.",
      updateWithoutOwnerPolicy:
        "`{{target}}` is updated by an id the caller sends (`{{callerColumns}}`) with the user's session, but no RLS policy limits updates to the owner `{{owner}}`: another user's row changes by changing the id.",
      deleteWithoutOwnerPolicy:
        "`{{target}}` is deleted by an id the caller sends (`{{callerColumns}}`) with the user's session, but no RLS policy limits deletes to the owner `{{owner}}`: another user's row goes by changing the id.",
    },
    docs: "A route or server action that reads, updates or deletes a record by the id in the request, without checking that the record belongs to the signed-in user, lets any user reach every other user's rows by changing the id (an IDOR, OWASP's broken object level authorization). Prisma, pg, postgres.js and the service-role client bypass Supabase's RLS, so the query itself must compare the owner column with the session's user: `where: { id, userId: user.id }`, `AND user_id = $2`, `.eq('user_id', user.id)`, and answer 404 when nothing matches.",
    prefilter: RECORD_QUERY_TEXT,
    fix: 'scope-to-owner',
    severityNote: "critical where the record is updated or deleted: another user's data is changed or destroyed, not only seen",
    finds:
      "in Pages API routes, route handlers and `'use server'` modules, one record read, updated or deleted by a unique key whose value comes from the caller (the handler's parameters: the request's body, query, params or form, a server action's arguments, through local bindings), on a table the schema model gives an owner column (a foreign key to the users table, or `user_id`, `owner_id`, `author_id`, `created_by`, `profile_id` and their camelCase forms): Prisma `findUnique`, `findFirst`, `update`, `upsert`, `delete` (and `OrThrow` forms) whose `where` holds the key; supabase-js chains with `.eq()` on the key and `.single()`/`.maybeSingle()`, `.update()` or `.delete()`; SQL `SELECT`, `UPDATE`, `DELETE` on one table through `query()`, `execute()` or a `sql` template with `key = $1`. Not reported: a filter or a handler that compares anything with the signed-in user's id (`userId: session.user.id`, a relation or membership filter reaching it, `if (post.userId !== user.id)`), while an owner column compared with the caller's own value (`userId: body.userId`) is no guard; a supabase-js client with the user's session on a table whose RLS owner policies (or the absence of any policy) stop the action; reads of a table with a public SELECT policy, and reads in a handler that never asks who is signed in (public content, or `route-without-auth`'s finding); tables without an owner column; ids the handler did not get from the caller; SQL with a join, a sub-query or an OR; scripts, seeds and tests",
    sources: [
      {
        title: 'OWASP API Security Top 10: API1:2023 Broken Object Level Authorization',
        url: 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/',
      },
      { title: 'Supabase: Row Level Security', url: 'https://supabase.com/docs/guides/database/postgres/row-level-security' },
      {
        title: 'Prisma Client API: findFirst, updateMany, deleteMany',
        url: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference',
      },
    ],
  },
  check(ctx) {
    const program = ctx.ast?.program;
    if (!program || isDevelopmentFile(ctx.file.path)) return;
    const handlers = requestHandlers(ctx.file.path, ctx.ast!, ctx.project);
    if (handlers.length === 0) return;
    const consider = (node: Node, ancestors: readonly Node[]) => {
      const query = recordQuery(node, ancestors, program, ctx.file.text);
      if (!query) return;
      const access = recordAccess(query, ancestors, handlers, program);
      if (!access || access.scopedToSignedInUser || access.callerColumns.length === 0) return;
      const at = query.node.loc!.start;
      ctx.collect({
        file: ctx.file.path,
        line: at.line,
        column: at.column + 1,
        shape: query.shape,
        action: query.action,
        target: query.target,
        serviceRole: query.serviceRole ?? false,
        comparisons: query.comparisons.map((c) => c.column),
        callerColumns: access.callerColumns,
        signedIn: access.signedIn,
      } satisfies CallerRecordQuery);
    };
    return { CallExpression: consider, TaggedTemplateExpression: consider };
  },
  finish(ctx) {
    const schemas = loadSchemas(ctx.project);
    const targets = new Map(schemas.map((schema) => [schema, ownedTargets(schema)]));
    const gaps = (ctx.facts as CallerRecordQuery[]).flatMap((fact) => {
      const schema = schemaForFile(schemas, fact.file);
      const owned = schema ? ownedTarget(targets.get(schema)!, fact.shape, fact.target) : undefined;
      const gap = ownershipGap(fact, fact, owned);
      return gap && owned ? [{ fact, gap, owned }] : [];
    });
    for (const { fact, gap, owned } of gaps) {
      ctx.report({
        file: fact.file,
        loc: { line: fact.line, column: fact.column },
        messageId: `${fact.action}${gap === 'bypassesRls' ? 'BypassesRls' : 'WithoutOwnerPolicy'}`,
        severity: fact.action === 'read' ? 'high' : 'critical',
        data: {
          target: fact.target,
          owner: owned.owner,
          callerColumns: fact.callerColumns.join('`, `'),
          client: CLIENT[fact.shape],
        },
      });
    }
  },
});
