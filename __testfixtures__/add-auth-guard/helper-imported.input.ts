import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/session';
import { db } from '@/lib/db';

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  return NextResponse.json(await db.post.findMany({ where: { authorId: user.id }, take: 20 }));
}

// The helper is imported already, through the @/ alias: the check calls it through that import.
export async function DELETE(request: Request) {
  const { id } = await request.json();
  await db.post.delete({ where: { id } });
  return NextResponse.json({ ok: true });
}
