import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'supabase-get-user',
  title: 'Ask Supabase Auth who is calling: getUser() instead of getSession() on the server',
  description:
    'Replaces `supabase.auth.getSession()` in route handlers, API routes and server actions with `getUser()`, which has the Supabase Auth server verify the token, and follows the new return shape: `data.session.user` becomes `data.user`, and the `session` a check tests becomes `user`. A handler that reads more of the session than its user (`session.access_token`) is left alone. Each request now makes a call to Supabase Auth, and forged or revoked sessions are refused, so it needs review.',
  safe: false,
  prefilter: ['getSession'],
};
