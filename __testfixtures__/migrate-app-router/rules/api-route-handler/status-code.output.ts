import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// TODO(shipshape): the handler never checked `req.method`, so it still answers GET, POST, PUT, PATCH, DELETE: export only the methods it serves
async function handler(request: NextRequest) {
  const headers = new Headers();
  headers.set('WWW-authenticate', 'Basic realm="Secure Area"');
  return new NextResponse(`Auth Required.`, { status: 401, headers });
}
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
