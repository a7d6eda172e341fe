import { NextResponse } from 'next/server';
import { client } from '@/lib/db';

export async function GET(request: Request) {
  const wallet = new URL(request.url).searchParams.get('wallet') ?? '';
  const results = await getRequests(wallet);
  return NextResponse.json(results);
}

// The text is held in a `const`: every request ever made, joined, into the response.
const getRequests = async (wallet: string) => {
  const query = `
    SELECT r.*, (r.requester_address = $1) AS requester_me
    FROM requests r
    LEFT JOIN online o ON o.user_address = r.requester_address;
  `;
  const results = await client.query(query, [wallet]);
  return results.rows;
};
