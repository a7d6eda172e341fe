import { defineCheck } from './define.ts';
import { collectStores, mayHoldStore, memoryStoreVisitors, reportServerStores } from '../analysis/in-memory-stores.ts';
import { screened } from '../engine/needles.ts';

const COUNTER_WORDS = screened(/limit|throttl|attempt|count|hits|requests/i);

export default defineCheck({
  meta: {
    id: 'in-memory-rate-limit',
    title: 'Rate limit kept in server memory',
    severity: 'medium',
    category: 'auth',
    messages: {
      limitInMemory:
        "`{{name}}` keeps {{holds}} in this process's memory: each serverless instance and each restart starts from zero, so the limit is never reached under real traffic, and the map grows with every new key. Keep the counts in the database or Redis.",
    },
    docs: 'A limiter that counts requests in a module-level `Map` counts only the requests one process sees. On Vercel or any serverless host every instance has its own map and a cold start empties it, so an attacker spread over instances (or just waiting for a new deploy) is never limited. Nothing removes old keys either, so the map grows until the process dies. `add-rate-limit` moves the counts into a table of the database the app already uses, one atomic statement per request.',
    prefilter: (text, project, file) => mayHoldStore(text, project, file, COUNTER_WORDS),
    fix: 'add-rate-limit',
    clientGraph: true,
    finds:
      'a module-level `Map`, `Set`, object or array in server code that request code writes request counts or timestamps to (by its name, `rateLimit`/`attempts`/`hits`, and by what goes in: `count++`, `resetAt`, timestamps per IP), in its own module or, exported, in another that imports it (reported where it is declared); a table written only when the module loads is not reported',
    sources: [
      { title: 'Vercel: functions run in many instances, each with its own memory', url: 'https://vercel.com/docs/functions/concepts' },
      { title: 'OWASP: blocking brute-force attacks', url: 'https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks' },
    ],
  },
  check(ctx) {
    return memoryStoreVisitors(ctx.file.path, ctx.file.text, (found) => collectStores(ctx.collect, ctx.file.path, found, 'rate-limit'));
  },
  finish(ctx) {
    reportServerStores(ctx, 'limitInMemory', 'rate-limit');
  },
});
