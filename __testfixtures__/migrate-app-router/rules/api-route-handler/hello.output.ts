import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

type Data = { name: string };

// TODO(shipshape): the handler never checked `req.method`, so it still answers GET, POST, PUT, PATCH, DELETE: export only the methods it serves
async function handler(request: NextRequest) {
  return NextResponse.json({ name: 'John Doe' }, { status: 200 });
}
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
