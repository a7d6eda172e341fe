import { listVotes, vote } from '../../../lib/votes';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const votes = await listVotes(String(query.id));
  return NextResponse.json(votes, { status: 200 });
}

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const votes = await vote(String(query.id));
  return NextResponse.json(votes, { status: 200 });
}
export { GET as PUT, GET as PATCH, GET as DELETE };
