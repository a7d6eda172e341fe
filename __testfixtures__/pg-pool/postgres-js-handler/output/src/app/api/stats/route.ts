import { sql } from '../../../lib/db';

export async function GET() {
  const [stats] = await sql`SELECT count(*) AS orders FROM orders`;
  return Response.json(stats);
}
