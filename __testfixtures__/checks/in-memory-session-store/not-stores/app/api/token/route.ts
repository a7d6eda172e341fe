import { cookies } from 'next/headers';

export async function GET() {
  const session = cookies().get('session')?.value;
  const tokens: string[] = [];
  if (session) tokens.push(session);
  return Response.json({ count: tokens.length });
}
