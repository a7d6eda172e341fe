import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** Text every record query the check flags and the transform scopes contains: Prisma single-record calls, supabase-js chains, SQL. */
export const RECORD_QUERY_TEXT = ['findUnique', 'findFirst', '.update(', '.delete(', '.upsert(', '.from(', 'query(', 'execute(', 'sql`'];

export const meta: TransformMeta = {
  id: 'scope-to-owner',
  title: "Scope queries by a caller's id to the signed-in user's rows",
  description:
    "Adds the owner to a query that reads, updates or deletes one record by an id the caller sends: Prisma `findUnique({ where: { id } })` becomes `findFirst({ where: { id, userId: user.id } })`, `update`/`delete` become `updateMany`/`deleteMany` with the owner and a 404 when nothing matched (the row is read again, scoped, where the handler uses it), SQL gets `AND user_id = $n` (and a 404 when an UPDATE or DELETE touched no row), supabase-js gets `.eq('user_id', user.id)`. The user is the one the handler's own session check binds (`add-auth-guard` writes one); without it, the query gets a TODO naming `add-auth-guard` and stays as it is. Another user's id then gets a 404 or nothing where it used to get the row: review that the owner column is the right one.",
  safe: false,
  prefilter: RECORD_QUERY_TEXT,
};
