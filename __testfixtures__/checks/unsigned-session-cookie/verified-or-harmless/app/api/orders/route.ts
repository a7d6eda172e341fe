import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { verifySession } from '../../../lib/session';

export async function GET() {
  const userId = cookies().get('userId')?.value;
  const session = await verifySession(userId);
  if (!session) return NextResponse.json({ error: 'unauthorised' }, { status: 401 });
  return NextResponse.json({ orders: [], user: session.userId });
}
