import { NextResponse } from 'next/server';
import { checkRateLimit } from '@/lib/rate-limit';

const requestsPerIp: Record<string, number[]> = {};

export async function POST(req: Request) {
  const ip = req.headers.get('x-forwarded-for')?.split(',')[0] ?? 'unknown';
  const now = Date.now();
  requestsPerIp[ip] = (requestsPerIp[ip] ?? []).filter((t) => now - t < 60_000);
  requestsPerIp[ip].push(now);
  if (requestsPerIp[ip].length > 20 || !checkRateLimit(ip)) return NextResponse.json({ error: 'slow down' }, { status: 429 });
  return NextResponse.json({ ok: true });
}
