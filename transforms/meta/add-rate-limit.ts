import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'add-rate-limit',
  title: 'Rate-limit login, signup, reset, OTP and AI routes in the database',
  description:
    "Writes `lib/rate-limit.ts` (`src/lib/` where the app keeps its code under `src/`), backed by the database the app already uses: one atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING` on a `rate_limits` table per request (a fixed window), through Prisma `$queryRaw`, node-postgres or postgres.js, or in an app with supabase-js only a `security definer` function called with `supabase.rpc('rate_limit_hit', …)` that only `service_role` may execute; with `@upstash/ratelimit` where the app already has it. Its table comes as a migration (RLS on, no policies: server-only) and, with Prisma, a model in `schema.prisma`. At the top of each flagged handler it adds a check keyed by the signed-in user's id where the handler reads a session (after its `if (!user)` gate), else by the caller's first `x-forwarded-for` address, that answers 429 with `Retry-After` (a server action throws). An in-memory limiter (a module-level `Map` counter or list of request times, in a helper answering a boolean or counted inline in a handler) becomes a call of the same module with the limit and window the code had, and the map goes; where its shape is not plain it gets a TODO. Needs review: requests over the limit are refused.",
  safe: false,
  questions: [
    {
      name: 'limit',
      message: 'How many requests may one caller make per window?',
      type: 'number',
      default: 10,
      integer: true,
      min: 1,
      max: 100000,
    },
    {
      name: 'windowSeconds',
      message: 'How long is one window, in seconds?',
      type: 'number',
      default: 60,
      integer: true,
      min: 1,
      max: 86400,
    },
  ],
};
