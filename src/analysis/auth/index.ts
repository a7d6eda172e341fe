/**
 * Who may call a request handler. The parts: the known libraries' calls (`known-calls.ts`), the
 * binding that holds the signed-in user (`session-user.ts`), whether a result gates the handler
 * (`enforced.ts`), a handler's own gate (`handler-gate.ts`), project helpers followed through imports
 * (`helpers.ts`), `middleware.ts` (`middleware.ts`), routes public by intent (`public-intent.ts`),
 * what a handler does that needs a gate (`handler-effects.ts`), and the decision (`gate.ts`).
 */
export { authCallOf, SESSION_HELPER_NAME, type AuthCall, type AuthLibrary } from './known-calls.ts';
export { sessionUser, sessionUserCalls, type SessionUser, type SessionUserCall } from './session-user.ts';
export { localGate, AUTH_WRAPPER, type AuthUse, type LocalGate } from './handler-gate.ts';
export { collectAuthFacts, decideGates, gateOf, type AuthFacts, type GateVerdict, type HandlerAuthFact } from './gate.ts';
export { handlerEffects, type HandlerEffect } from './handler-effects.ts';
