import { deleteTask, getTask, updateTask } from '../../../lib/tasks';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { revalidatePath } from 'next/cache';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const headers = new Headers();
  const { id } = query;
  const task = await getTask(String(id));
  if (!task) {
    return NextResponse.json({ error: 'not found' }, { status: 404, headers });
  }
  headers.set('Cache-Control', 's-maxage=10');
  return NextResponse.json(task, { status: 200, headers });
}

export async function PATCH(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const body = await request.json();
  const { id } = query;
  const task = await updateTask(String(id), body);
  return NextResponse.json(task, { status: 200 });
}

export async function DELETE(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const { id } = query;
  if (request.headers.get('x-api-key') !== process.env.ADMIN_KEY) return new NextResponse(null, { status: 401 });
  await deleteTask(String(id));
  await revalidatePath('/tasks');
  return new NextResponse(null, { status: 204 });
}
export { PATCH as PUT };
