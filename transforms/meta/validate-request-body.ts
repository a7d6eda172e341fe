import type { TransformMeta } from '../../src/engine/transform-types.ts';

/** Text of every write the check flags and the transform fixes: Prisma `data:`/`create:`, supabase-js writes, SQL from keys. */
export const BODY_WRITE_TEXT = ['data', 'create:', 'update:', '.insert(', '.update(', '.upsert(', 'Object.keys(', 'Object.entries('];

/** Text of every way a handler reads its caller's body: Pages API, route handlers, server actions. */
export const REQUEST_BODY_TEXT = ['body', '.json()', 'formData', 'use server'];

export const meta: TransformMeta = {
  id: 'validate-request-body',
  title: 'Parse request bodies with a schema before writing them',
  description:
    'Where a handler writes the request body whole to a Prisma model or a supabase-js table the schema knows, declares a zod schema of the columns a user may set (leaving out the id, the owner column, timestamps and privileged columns: roles and admin flags, prices and balances, Stripe and subscription ids, verification flags, password hashes), parses the body with it, answers 400 when it does not fit (`res.status(400).json(…)`, `NextResponse.json(…, { status: 400 })`; a server action throws), and writes the parsed data. A create sets the owner column from the session user where the handler has one (`sessionUser`), and otherwise leaves a `TODO(shipshape)` to set it. Adds `zod` to package.json where it is missing. Needs review: requests that sent other fields are now refused or lose those fields.',
  safe: false,
  prefilter: BODY_WRITE_TEXT,
};
