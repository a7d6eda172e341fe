interface Entry {
  count: number;
  lastReset: number;
}

const loginAttempts = new Map<string, Entry>();
const store = new Map<string, Entry>();

function hit(key: string, map: Map<string, Entry>, max: number): boolean {
  const now = Date.now();
  const entry = map.get(key) ?? { count: 0, lastReset: now };
  if (now - entry.lastReset > 60_000) {
    entry.count = 0;
    entry.lastReset = now;
  }
  entry.count += 1;
  map.set(key, entry);
  return entry.count <= max;
}

export function allowLogin(ip: string): boolean {
  return hit(ip, loginAttempts, 5);
}

export function allowApi(request: Request): boolean {
  const ip = request.headers.get('x-forwarded-for') ?? 'unknown';
  return hit(ip, store, 60);
}
