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
