/**
 * Who may call a request handler. The parts: the known libraries' calls (`known-calls.ts`), the
 * binding that holds the signed-in user (`session-user.ts`).
 */
export { authCallOf, SESSION_HELPER_NAME, type AuthCall, type AuthLibrary } from './known-calls.ts';
export { sessionUser, sessionUserCalls, type SessionUser, type SessionUserCall } from './session-user.ts';
