const clickLimits = new Map<string, { count: number; resetAt: number }>();

export function useThrottle(key: string) {
  const entry = clickLimits.get(key) ?? { count: 0, resetAt: Date.now() + 1000 };
  entry.count++;
  clickLimits.set(key, entry);
  return entry.count < 5;
}
