import { listTasks, saveTask } from '../../../lib/tasks';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export async function GET(request: NextRequest) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams) };
  const tasks = await listTasks();
  const done = query.done;
  return NextResponse.json(done === undefined ? tasks : tasks.filter((task) => String(task.done) === done), { status: 200 });
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const headers = new Headers();
  const task = await saveTask({ id: String(Date.now()), title: String(body.title), done: false });
  headers.set('Location', `/api/tasks/${task.id}`);
  return NextResponse.json(task, { status: 201, headers });
}
