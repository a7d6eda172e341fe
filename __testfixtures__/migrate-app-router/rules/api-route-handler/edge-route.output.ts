import type { NextRequest } from 'next/server';
import { getNowPlaying } from '../../lib/spotify';

export const runtime = 'edge';

async function handler(req: NextRequest) {
  const song = await getNowPlaying(req.nextUrl.searchParams.get('user'));
  return new Response(JSON.stringify(song), { headers: { 'content-type': 'application/json' } });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
