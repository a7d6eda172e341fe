import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function GET() {
  try {
    return NextResponse.json(await db.order.findMany());
  } catch (error) {
    console.error('GET /api/orders failed:', error);
    return NextResponse.json({ error: 'Internal Server Error', code: (error as { code?: string }).code }, { status: 500 });
  }
}
