import { defineCheck } from './define.ts';
import { memoryStoreVisitors, reportServerStores } from '../analysis/in-memory-stores.ts';

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
    prefilter: (text) =>
      /new\s+(Map|Set)\b|=\s*(\{\s*\}|\[\s*\])/.test(text) && /session|token|otp|code|nonce|challenge|csrf|magic|expire/i.test(text),
    fix: 'persist-session-store',
    clientGraph: true,
    finds:
      'a module-level `Map`, `Set`, object or array in server code that request code writes sessions, tokens, OTP or verification codes, or user ids with an expiry to (by its name and by what goes in); caches, locks (`refreshTokenLock`) and tables written only when the module loads are not reported',
    sources: [
      { title: 'Vercel: functions run in many instances, each with its own memory', url: 'https://vercel.com/docs/functions/concepts' },
      {
        title: 'OWASP Session Management Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
      },
    ],
  },
  check(ctx) {
    return memoryStoreVisitors(ctx.file.path, ctx.file.text, (stores) => {
      for (const store of stores) if (store.kind === 'session') ctx.collect({ ...store, file: ctx.file.path });
    });
  },
  finish(ctx) {
    reportServerStores(ctx, 'sessionInMemory');
  },
});
