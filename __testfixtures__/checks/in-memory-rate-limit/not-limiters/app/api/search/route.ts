import { searchCounts } from '../../../lib/search-counts';

export async function GET(req: Request) {
  const term = new URL(req.url).searchParams.get('q') ?? '';
  searchCounts.set(term, (searchCounts.get(term) ?? 0) + 1);
  return Response.json({ results: [] });
}
