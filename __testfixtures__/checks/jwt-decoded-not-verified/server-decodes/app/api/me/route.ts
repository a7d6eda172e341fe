import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';

export async function GET() {
  const token = cookies().get('token')?.value ?? '';
  const decoded = jwt.decode(token) as { userId: string } | null;
  if (!decoded) return NextResponse.json({ error: 'unauthorised' }, { status: 401 });
  const user = await db.user.findUnique({ where: { id: decoded.userId } });
  return NextResponse.json(user);
}
