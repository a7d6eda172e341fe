import { signupAttempts } from '@/lib/signup-attempts';

export async function POST(req: Request) {
  const ip = req.headers.get('x-forwarded-for') ?? 'unknown';
  const entry = signupAttempts[ip];
  if (!entry || entry.resetAt < Date.now()) signupAttempts[ip] = { count: 1, resetAt: Date.now() + 60_000 };
  else if (++entry.count > 5) return new Response('Too many requests', { status: 429 });
  return Response.json({ ok: true });
}
