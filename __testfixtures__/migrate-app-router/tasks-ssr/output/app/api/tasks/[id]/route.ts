import { deleteTask, getTask, saveTask } from '../../../../lib/tasks';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const id = String(query.id);
  const task = await getTask(id);
  if (!task) {
    return NextResponse.json({ error: 'no such task' }, { status: 404 });
  }
  return NextResponse.json(task);
}

export async function PATCH(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const body = await request.json();
  const id = String(query.id);
  const task = await getTask(id);
  if (!task) {
    return NextResponse.json({ error: 'no such task' }, { status: 404 });
  }
  return NextResponse.json(await saveTask({ ...task, ...body, id }));
}

export async function DELETE(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  const id = String(query.id);
  const task = await getTask(id);
  if (!task) {
    return NextResponse.json({ error: 'no such task' }, { status: 404 });
  }
  await deleteTask(id);
  return new NextResponse(null, { status: 204 });
}
