import { renderFeed } from '../../lib/feed';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest) {
  const headers = new Headers();
  const xml = await renderFeed();
  headers.set('Content-Type', 'application/rss+xml');
  headers.set('Cache-Control', 's-maxage=3600');
  return new NextResponse(xml, { status: 200, headers });
}
