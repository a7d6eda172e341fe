import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';
import { db } from '@/lib/db';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function GET() {
  const { data, error } = await supabase.from('orders').select('*');
  if (error) return NextResponse.json({ error }, { status: 500 });
  return NextResponse.json(data);
}

export async function POST(request: Request) {
  const order = await request.json();
  try {
    const created = await db.order.create({ data: order });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    return NextResponse.json({ message: 'Could not save the order', error: (error as Error).message }, { status: 500 });
  }
}

export async function DELETE(request: Request) {
  try {
    await db.order.delete({ where: { id: new URL(request.url).searchParams.get('id') } });
    return new Response(null, { status: 204 });
  } catch (err) {
    console.error('delete failed', err);
    return new Response(String(err), { status: 503 });
  }
}
