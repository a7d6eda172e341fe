import { deleteImage } from '../../lib/images';

import { NextResponse } from 'next/server';

export async function DELETE(request) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams) };
  await deleteImage(query.id);
  fetch(`https://cdn.example.com/purge?id=${query.id}`)
    .then((res) => res.text())
    .then((res) => console.log(res));
  return new NextResponse('deleted', { status: 200 });
}
