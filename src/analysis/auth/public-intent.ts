/** Why a route is meant to be called without a session, or null. */
export type PublicReason = 'auth endpoint' | 'health check' | 'webhook';

const AUTH_SEGMENT =
  /^(?:auth|\[\.\.\.nextauth\]|\[\.\.\.all\]|login|log-in|logout|signin|sign-in|signout|sign-out|signup|sign-up|register|callback|oauth|forgot-password|reset-password|verify|verify-email|verification|confirm|magic-link|otp|session|token|refresh)$/i;
/** `enter_password`, `user-login`, `send_otp`: a sign-in word inside a snake- or kebab-case name. */
const AUTH_WORD = /(?:^|[-_])(?:login|signin|signup|register|logout|password|otp|magic-?link)(?:$|[-_])/i;
const HEALTH_SEGMENT = /^(?:health|healthz|healthcheck|health-check|ping|status|ready|live|liveness|readiness|version)$/i;

/**
 * Routes that are public by what they are: sign-in and its callbacks, health checks. Webhooks are
 * recognised by what they do (`webhookOf`), and a cron
 * route is not: it is gated by comparing `CRON_SECRET`, which the handler's own gate sees.
 */
export function publicByRoute(route: string): PublicReason | null {
  const segments = route.split('/').filter(Boolean);
  if (segments.some((s) => AUTH_SEGMENT.test(s) || AUTH_WORD.test(s))) return 'auth endpoint';
  if (segments.some((s) => HEALTH_SEGMENT.test(s))) return 'health check';
  return null;
}

const AUTH_ACTION =
  /^(?:handle|do|submit|on)?(?:sign-?in|sign-?up|sign-?out|log-?in|log-?out|register|authenticate|forgot|resetPassword|verify|confirm|sendMagic|sendOtp|sendCode|sendVerification|requestPassword)/i;

/** Server actions that are the sign-in flow itself: `signup`, `login`, `handleSignIn`, `resetPassword`. */
export function publicByActionName(name: string): PublicReason | null {
  return AUTH_ACTION.test(name) ? 'auth endpoint' : null;
}
