export const signupAttempts: Record<string, { count: number; resetAt: number }> = {};
