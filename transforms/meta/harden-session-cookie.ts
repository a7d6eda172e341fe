import type { Answers, TransformMeta } from '../../src/engine/transform-types.ts';
import type { Project } from '../../src/project/types.ts';

/** The client graph loads here, not with this module, which the scan and plain `jscodeshift -t` read too. */
async function browserReads(project: Project): Promise<Answers> {
  const { browserReadCookies } = await import('../../src/analysis/browser-cookie-reads.ts');
  return { browserReadCookies: JSON.stringify(browserReadCookies(project)) };
}

/** Text every module that sets a cookie or stores a token contains. */
export const COOKIE_TEXT = ['cookie', 'Cookie', 'localStorage', 'sessionStorage'];

export const meta: TransformMeta = {
  id: 'harden-session-cookie',
  title: 'Set HttpOnly, Secure and SameSite on session cookies',
  description:
    "Adds what a session or token cookie lacks: `httpOnly: true`, `secure: process.env.NODE_ENV === 'production'`, `sameSite: 'lax'` and `path: '/'` to the options of `cookies().set`, `response.cookies.set`, `cookie.serialize`, cookies-next and nookies, or `HttpOnly; Secure; SameSite=Lax; Path=/` to a `Set-Cookie` string. `httpOnly` is left out where browser code reads the cookie (`document.cookie`, js-cookie's `Cookies.get`), and an attribute already set is never changed. A token set or stored by browser code gets a TODO: only the server can set an HttpOnly cookie. Needs review: scripts can no longer read the cookie, and other sites no longer send it along.",
  safe: false,
  prefilter: COOKIE_TEXT,
  projectOptions: browserReads,
};
