import type { NextRequest } from 'next/server';
import { getNowPlaying } from '../../lib/spotify';

export const config = {
  runtime: 'edge',
};

export default async function handler(req: NextRequest, res: unknown) {
  const song = await getNowPlaying(req.nextUrl.searchParams.get('user'));
  return new Response(JSON.stringify(song), { headers: { 'content-type': 'application/json' } });
}
