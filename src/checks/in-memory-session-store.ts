import { defineCheck } from './define.ts';
import { collectStores, mayHoldStore, memoryStoreVisitors, reportServerStores } from '../analysis/in-memory-stores.ts';
import { screened } from '../engine/needles.ts';

const SESSION_WORDS = screened(/session|token|otp|code|nonce|challenge|csrf|magic|expire/i);

export default defineCheck({
  meta: {
    id: 'in-memory-session-store',
    title: 'Sessions, tokens or codes kept in server memory',
    severity: 'high',
    category: 'auth',
    messages: {
      sessionInMemory:
        "`{{name}}` keeps {{holds}} in this process's memory: a restart or a deploy loses them all, another serverless instance does not see them (a code sent by one is rejected by the next), and nothing removes expired entries. Keep them in the database or Redis, with their expiry.",
    },
    docs: 'Sessions, one-time codes and reset tokens held in a module-level `Map` live only as long as the process and only in it. On a serverless host the request that checks a code often runs in another instance than the one that stored it, so logins fail at random; every deploy logs everybody out; and entries that are never read again are never removed. Keep them in the database (a table with an expiry column) or Redis.',
    prefilter: (text, project, file) => mayHoldStore(text, project, file, SESSION_WORDS),
    fix: 'persist-session-store',
    clientGraph: true,
    finds:
      'a module-level `Map`, `Set`, object or array in server code that request code writes sessions, tokens, OTP or verification codes, or user ids with an expiry to (by its name and by what goes in), in its own module or, exported, in another that imports it (reported where it is declared); caches, locks (`refreshTokenLock`), tables written only when the module loads and collections only browser code writes are not reported',
    sources: [
      { title: 'Vercel: functions run in many instances, each with its own memory', url: 'https://vercel.com/docs/functions/concepts' },
      {
        title: 'OWASP Session Management Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
      },
    ],
  },
  check(ctx) {
    return memoryStoreVisitors(ctx.file.path, ctx.file.text, (found) => collectStores(ctx.collect, ctx.file.path, found, 'session'));
  },
  finish(ctx) {
    reportServerStores(ctx, 'sessionInMemory', 'session');
  },
});
