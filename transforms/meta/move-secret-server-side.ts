import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'move-secret-server-side',
  title: 'Move code that needs a secret from the browser to the server',
  description:
    "Moves each call that needs a secret out of browser code: SDK clients (OpenAI, Anthropic, Stripe, Resend, a service-role Supabase client) and `fetch` calls authorised with a secret. App Router code calls a new server action in `app/actions/` (`'use server'` + `import 'server-only'`); Pages Router code posts to a new route under `pages/api/`. The browser passes only the values the call uses and gets back only the fields it reads. A service-role Supabase client that only reads switches to the anon key, so RLS applies; its writes move to the server. Secret variables lose their public prefix, and each new server function starts with a TODO to check the caller's session.",
  safe: true,
};
