import type { Node } from '@babel/types';
import { chainText, type ImportedName } from './syntax.ts';
import { screened } from '../../engine/needles.ts';

export type AuthLibrary =
  'Auth.js' | 'Clerk' | 'Supabase' | 'Lucia' | 'iron-session' | 'Kinde' | 'WorkOS' | 'Better Auth' | 'Firebase' | 'JWT' | 'project helper';

export interface AuthCall {
  library: AuthLibrary;
  /** The callee as written: `supabase.auth.getUser`, `getServerSession`, `getCurrentUser`. */
  call: string;
  /** Supabase's `getSession()` reads the cookie without asking the auth server: not proof of who calls on the server. */
  trusted: boolean;
  /** The call itself throws, redirects or answers 401 without a session (`auth.protect()`, `requireUser()`). */
  enforcing: boolean;
  /** An identifier imported from the project's own code: whether it is an auth check is decided where it is defined. */
  helper?: { name: string; source: string; imported: string };
}

/**
 * Names the project's own session helpers go by: `getCurrentUser`, `getUser`, `requireUser`, `auth`,
 * `getSession`, `getServerAuthSession`, `requireAdmin`, `getUserId`, `isAuthenticated`.
 */
export const SESSION_HELPER_NAME =
  /^(?:auth|(?:get|require|ensure|fetch|load|check|verify|validate|assert|read|use)(?:Current|Server|Auth|Authenticated|SignedIn|LoggedIn|Session|Valid)*(?:User|Session|Auth|Admin|Account|Viewer|Me)(?:Session|Id|OrThrow|OrRedirect|OrNull|FromRequest)?|is(?:Authenticated|LoggedIn|SignedIn|Admin|Authorized)|validateRequest)$/;

/**
 * Text without any of these words holds no call `authCallOf` knows and no library factory: the module
 * defines no auth helper, and its facts can be skipped without parsing it.
 */
export const AUTH_CALL_TEXT = screened(
  new RegExp(
    `\\b${SESSION_HELPER_NAME.source.slice(1, -1)}\\b|getServerSession|currentUser|getAuth|getToken|\\bverify\\b|jwtVerify|getIronSession|getKindeServerSession|validateSession|verifyIdToken|verifySessionCookie|verifyToken|authenticateRequest|withAuth|NextAuth|betterAuth|[Ll]ucia|createAuth|initAuth`,
  ),
);

const ENFORCING_HELPER = /^(?:require|ensure|assert|protect)|OrThrow$|OrRedirect$/;

const CLERK = /^@clerk\//;
const AUTH_JS = /^(?:next-auth|@auth\/)/;
const isPackage = (source: string) => !/^[./~@]/.test(source) || (/^@[\w-]+\//.test(source) && !source.startsWith('@/'));

function libraryOfImport(source: string | undefined): AuthLibrary | null {
  if (!source) return null;
  if (CLERK.test(source)) return 'Clerk';
  if (AUTH_JS.test(source)) return 'Auth.js';
  if (/^@kinde-oss\//.test(source)) return 'Kinde';
  if (/^@workos-inc\//.test(source)) return 'WorkOS';
  if (/^(?:lucia|@lucia-auth\/)/.test(source)) return 'Lucia';
  if (source === 'iron-session' || source.startsWith('iron-session/')) return 'iron-session';
  if (source === 'better-auth' || source.startsWith('better-auth/')) return 'Better Auth';
  if (source === 'jose' || source === 'jsonwebtoken') return 'JWT';
  if (/^firebase-admin/.test(source)) return 'Firebase';
  return null;
}

/** What an auth call a function makes is, or null: the known libraries' calls, and project helpers named like one. */
export function authCallOf(node: Node | null, imports: ReadonlyMap<string, ImportedName>): AuthCall | null {
  if (!node || (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression')) return null;
  const call = chainText(node.callee);
  if (call === null) return null;
  const parts = call.split('.');
  const name = parts.at(-1)!.replace(/\(\)$/, '');
  const root = parts[0]!.replace(/\(\)$/, '');
  const imported = imports.get(root);
  const library = libraryOfImport(imported?.source);
  const known = (lib: AuthLibrary, trusted = true, enforcing = false): AuthCall => ({ library: lib, call, trusted, enforcing });

  if (parts.length >= 2) {
    if (call === 'auth.api.getSession' || /\.api\.getSession$/.test(call)) return known('Better Auth');
    if (/(?:^|\.)auth(?:\(\))?\.protect$/.test(call)) return known('Clerk', true, true);
    if (/\.auth\.(?:getUser|getClaims)$/.test(call)) return known('Supabase');
    if (/\.auth\.getSession$/.test(call)) return known('Supabase', false);
    if (/^(?:jwt|jsonwebtoken|jose|Jwt|JWT)\.verify$/.test(call) || (library === 'JWT' && name === 'verify')) return known('JWT');
    if (/\.verifyIdToken$|\.verifySessionCookie$/.test(call)) return known('Firebase');
    if (/\.validateSession(?:Token)?$/.test(call)) return known('Lucia');
    if (library === 'Clerk' && /\.(?:verifyToken|authenticateRequest)$/.test(call)) return known('Clerk');
    return null;
  }
  if (library && library !== 'JWT') {
    if (library === 'Clerk' && ['auth', 'currentUser', 'getAuth'].includes(name)) return known('Clerk');
    if (library === 'Auth.js' && ['auth', 'getServerSession', 'getSession', 'getToken', 'unstable_getServerSession'].includes(name))
      return known('Auth.js');
    if (library === 'Kinde' && name === 'getKindeServerSession') return known('Kinde');
    if (library === 'WorkOS' && ['withAuth', 'getUser'].includes(name)) return known('WorkOS');
    if (library === 'iron-session' && name === 'getIronSession') return known('iron-session');
    if (library === 'Firebase') return null;
    return null;
  }
  if (library === 'JWT' && ['jwtVerify', 'verify'].includes(name)) return known('JWT');
  if (name === 'jwtVerify') return known('JWT');
  if (name === 'getServerSession' || name === 'unstable_getServerSession') return known('Auth.js');
  if (name === 'currentUser' || name === 'getAuth') return known('Clerk');
  if (name === 'getIronSession') return known('iron-session');
  if (name === 'getKindeServerSession') return known('Kinde');
  if (imported && !isPackage(imported.source) && SESSION_HELPER_NAME.test(name)) {
    return {
      library: 'project helper',
      call,
      trusted: true,
      enforcing: ENFORCING_HELPER.test(name),
      helper: { name, source: imported.source, imported: imported.imported },
    };
  }
  // A helper defined in the same module, or Kinde's `getUser` destructured from its session.
  if (!imported && SESSION_HELPER_NAME.test(name)) {
    return { library: 'project helper', call, trusted: true, enforcing: ENFORCING_HELPER.test(name) };
  }
  return null;
}
