import { createTask, listTasks } from '../../lib/tasks';

import { NextResponse } from 'next/server';

// TODO(shipshape): `export const config` (API route config such as `bodyParser`) has no route handler equivalent: read the raw body with `await request.text()` where it was turned off
export async function GET(request) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams) };
  const tasks = await listTasks({ status: query.status, session: request.cookies.get('session')?.value });
  return NextResponse.json(tasks);
}

export async function POST(request) {
  const body = await request.json();
  const task = await createTask(body);
  return NextResponse.json(task, { status: 201 });
}
