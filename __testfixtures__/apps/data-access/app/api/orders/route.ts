import { Client } from 'pg';

export async function GET(request: Request) {
  const customer = new URL(request.url).searchParams.get('customer');
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(`SELECT id, total FROM orders WHERE customer_id = '${customer}' ORDER BY id DESC`);
  await client.end();
  return Response.json(rows);
}
