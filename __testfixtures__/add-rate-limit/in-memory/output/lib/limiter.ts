// TODO(shipshape): count with rateLimit() from lib/rate-limit.ts instead: this map is per instance and empties on every restart (shipshape replaces a helper or handler that compares one count with a constant limit in a constant window; this one is shaped otherwise)
const attempts = new Map<string, { count: number; resetAt: number }>();

export function checkLoginAttempts(email: string): boolean {
  const now = Date.now();
  const entry = attempts.get(email);
  if (!entry || now > entry.resetAt) {
    attempts.set(email, { count: 1, resetAt: now + 10 * 60 * 1000 });
    return true;
  }
  entry.count += 1;
  return entry.count <= 5;
}

/** For the admin page: who is locked out right now. */
export function lockedOut(): string[] {
  return [...attempts].filter(([, entry]) => entry.count > 5).map(([email]) => email);
}
