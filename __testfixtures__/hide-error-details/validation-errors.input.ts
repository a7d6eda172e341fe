import { NextResponse } from 'next/server';
import { ZodError, z } from 'zod';
import { db } from '@/lib/db';

class ValidationError extends Error {}

const Order = z.object({ sku: z.string(), quantity: z.number().int().positive() });

export async function POST(request: Request) {
  try {
    const body = await request.json();
    if (!body.name) throw new ValidationError('name required');
    const order = Order.parse(body);
    await db.order.create({ data: order });
    return NextResponse.json({ ok: true }, { status: 201 });
  } catch (error) {
    if (error instanceof ZodError) {
      return NextResponse.json({ error: error.message, issues: error.issues }, { status: 400 });
    }
    return NextResponse.json({ error: (error as Error).message }, { status: 400 });
  }
}

export async function PUT(request: Request) {
  try {
    const body = await request.json();
    if (!body.name) throw new Error('name required');
    return NextResponse.json({ name: body.name });
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 400 });
  }
}
