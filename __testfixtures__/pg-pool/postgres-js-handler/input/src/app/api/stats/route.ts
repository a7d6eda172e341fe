import postgres from 'postgres';

export async function GET() {
  const sql = postgres(process.env.DATABASE_URL!, { ssl: 'require' });
  const [stats] = await sql`SELECT count(*) AS orders FROM orders`;
  await sql.end();
  return Response.json(stats);
}
