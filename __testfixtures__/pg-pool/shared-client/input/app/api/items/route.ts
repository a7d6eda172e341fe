import { client } from '../../../lib/db';

export async function GET() {
  const { rows } = await client.query('select id, name from items limit 50');
  return Response.json(rows);
}
