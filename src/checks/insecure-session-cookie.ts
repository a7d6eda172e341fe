import { defineCheck } from './define.ts';
import { meta as fix } from '../../transforms/meta/harden-session-cookie.ts';
import { sessionCookies } from '../analysis/session-cookies.ts';

const list = (attributes: readonly string[]) =>
  attributes.length === 1 ? attributes[0]! : `${attributes.slice(0, -1).join(', ')} and ${attributes.at(-1)!}`;

export default defineCheck({
  meta: {
    id: 'insecure-session-cookie',
    title: 'Session cookie without HttpOnly, Secure or SameSite',
    severity: 'medium',
    category: 'auth',
    messages: {
      missingAttributes: 'Cookie `{{name}}` holds a session or token and is set without {{missing}}.',
      readableByScripts:
        'Cookie `{{name}}` holds a session or token and is set from browser code ({{api}}), where it cannot be HttpOnly: any script on the page can read it.',
      tokenInWebStorage: '`{{api}}.setItem` keeps the session token `{{name}}` where any script on the page can read it.',
    },
    docs: "A cookie that carries a session or an access token is the account: without `HttpOnly` any script on the page (an injected one, a compromised npm package) can read it and send it away; without `Secure` it travels over plain HTTP; without `SameSite` other sites' forms and requests carry it along (CSRF). Set all three on the server (`httpOnly: true`, `secure: true` in production, `sameSite: 'lax'`). A token kept in `localStorage`, `sessionStorage`, `document.cookie` or a js-cookie cookie is readable by every script: move it into an HttpOnly cookie the server sets.",
    prefilter: fix.prefilter,
    fix: fix.id,
    finds:
      "a cookie whose name (`session`, `token`, `auth`, `jwt`, `sid`, `access_token`, …; CSRF tokens excepted) or value (a variable so named, `jwt.sign(…)`, `await encrypt(…)`) says it holds a session or token, set without `HttpOnly`, `Secure` or `SameSite` (or with one set to `false`) by `cookies().set`, `response.cookies.set`, `cookie.serialize`, cookies-next and nookies `setCookie`, or a `Set-Cookie` header string (`res.setHeader`, `headers.set`/`append`, a `headers` object); and such a token set from browser code (js-cookie's `Cookies.set`, `document.cookie = …`) or stored with `localStorage`/`sessionStorage.setItem`. Removing a cookie (empty value, `maxAge: 0`) and options a spread or an unknown variable fills are left alone",
    sources: [
      { title: 'MDN: Set-Cookie', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie' },
      {
        title: 'OWASP: Session Management cheat sheet (cookies)',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies',
      },
      {
        title: 'OWASP: HTML5 Security cheat sheet (local storage)',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage',
      },
      { title: 'Next.js: cookies()', url: 'https://nextjs.org/docs/app/api-reference/functions/cookies' },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        for (const cookie of sessionCookies(program)) {
          if (cookie.kind !== 'script') {
            ctx.report({ node: cookie.node, messageId: 'missingAttributes', data: { name: cookie.name, missing: list(cookie.missing) } });
          } else if (cookie.api === 'localStorage' || cookie.api === 'sessionStorage') {
            ctx.report({ node: cookie.node, messageId: 'tokenInWebStorage', data: { name: cookie.name, api: cookie.api } });
          } else {
            ctx.report({ node: cookie.node, messageId: 'readableByScripts', data: { name: cookie.name, api: cookie.api } });
          }
        }
      },
    };
  },
});
