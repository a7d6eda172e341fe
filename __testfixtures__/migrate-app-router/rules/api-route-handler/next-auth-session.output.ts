import { getServerSession } from 'next-auth/next';
import { authOptions } from '../auth/[...nextauth]';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  return NextResponse.json({ user: session.user }, { status: 200 });
}
