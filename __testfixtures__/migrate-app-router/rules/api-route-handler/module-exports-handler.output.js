import { NextResponse } from 'next/server';
const { listPosts } = require('../../lib/posts');

// TODO(shipshape): `export const config` (API route config such as `bodyParser`) has no route handler equivalent: read the raw body with `await request.text()` where it was turned off
// TODO(shipshape): the handler never checked `req.method`, so it still answers GET, POST, PUT, PATCH, DELETE: export only the methods it serves
async function handler(request) {
  const query = { ...Object.fromEntries(request.nextUrl.searchParams) };
  return NextResponse.json(listPosts(query.tag));
}
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
