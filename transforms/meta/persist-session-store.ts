import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'persist-session-store',
  title: 'Keep in-memory sessions, codes and tokens in the database',
  description:
    "Writes `lib/session-store.ts` (`src/lib/` where the app keeps its code under `src/`), backed by the database the app already uses: a `session_store` table (namespace, key, a `jsonb` value, `expires_at`) read and written through Prisma `$queryRawUnsafe`, node-postgres or postgres.js, or in an app with supabase-js only through `security definer` functions only `service_role` may execute; with Upstash Redis (`@upstash/redis`, with its own expiry) where the app already has it. Its table comes as a migration (RLS on, no policies: server-only) and, with Prisma, a model in `schema.prisma`. An expired value is never returned and is deleted when read; each write removes up to 100 other expired rows. A module-level `Map` used only through `.set`, `.get`, `.has` and `.delete` with string keys and JSON values, in functions that can wait, becomes calls of `sessionStore` under the map's name, with the expiry the code writes (`expiresAt: Date.now() + N`) or the answer below; the functions become async and their callers await them; the map goes. Any other map (iterated, sized, cleared, exported, holding `Date`s, class instances or functions, used where nothing can wait) gets a TODO saying why. Needs review: stored values outlive restarts and deploys, and a code or session now expires in the database.",
  safe: false,
  questions: [
    {
      name: 'codeTtlSeconds',
      message: 'How long does a one-time code or token stay valid when the code does not say, in seconds?',
      type: 'number',
      default: 600,
      integer: true,
      min: 1,
      max: 31536000,
    },
    {
      name: 'sessionTtlSeconds',
      message: 'How long does a session stay valid when the code does not say, in seconds?',
      type: 'number',
      default: 604800,
      integer: true,
      min: 1,
      max: 31536000,
    },
  ],
};
