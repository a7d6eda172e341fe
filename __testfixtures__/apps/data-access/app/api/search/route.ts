import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!);
const RATES = 'https://open.er-api.com/v6/latest';

export async function GET() {
  const rates = await fetch(`${RATES}/USD`);
  const body = await rates.json();
  const products = await sql`SELECT id, price FROM products WHERE active = true`;
  return Response.json({ body, products });
}
