const pending = new Map<string, { code: string; expiresAt: number }>();

export async function POST(request: Request) {
  const { email } = await request.json();
  const code = String(Math.floor(100000 + Math.random() * 900000));
  pending.set(email, { code, expiresAt: Date.now() + 600_000 });
  return Response.json({ sent: true });
}
