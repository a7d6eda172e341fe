import { request } from '../../lib/http';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function POST(request2: NextRequest) {
  const headers2 = new Headers();
  const body = await request2.json();
  const query = { ...Object.fromEntries(request2.nextUrl.searchParams) };
  const headers = { authorization: request2.headers.get('authorization') };
  const saved = await request('/save', { body, headers, id: query.id });
  headers2.set('Cache-Control', 'no-store');
  return NextResponse.json(saved, { status: 201, headers: headers2 });
}
