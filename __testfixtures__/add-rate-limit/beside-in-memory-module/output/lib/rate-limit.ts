import { rateLimit } from './rate-limit-db';

export async function checkRateLimit(ip: string): Promise<boolean> {
  const rate = await rateLimit(`lib/rate-limit:${ip}`, { limit: 30, windowSeconds: 60 });
  return rate.allowed;
}
