// Plan limits: static data, filled when the module loads.
const planLimits = new Map<string, { requests: number; resetAt: string }>();
planLimits.set('free', { requests: 100, resetAt: 'monthly' });
planLimits.set('pro', { requests: 10_000, resetAt: 'monthly' });

const countCache = new Map<string, { count: number; at: number }>();

export function limitFor(plan: string) {
  return planLimits.get(plan);
}

export function rememberCount(table: string, count: number) {
  countCache.set(table, { count, at: Date.now() });
}
