import { profileCache } from '../../../lib/shared';

export async function GET(req: Request) {
  const id = new URL(req.url).searchParams.get('id') ?? '';
  profileCache.set(id, { name: 'Ada', token: 'public-avatar-token' });
  return Response.json(profileCache.get(id));
}
