import { deleteUser, getUser } from '../../../lib/users';

import { NextResponse } from 'next/server';

export async function GET(request, { params }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  try {
    const user = await getUser(query.id);
    return NextResponse.json(user, { status: 200 });
  } catch (error) {
    return NextResponse.json({ error: String(error) }, { status: 500 });
  }
}

export async function DELETE(request, { params }) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams), ...(await params) };
  try {
    await deleteUser(query.id);
    return new NextResponse(null, { status: 204 });
  } catch (error) {
    return NextResponse.json({ error: String(error) }, { status: 500 });
  }
}
