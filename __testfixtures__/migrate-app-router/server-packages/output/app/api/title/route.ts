import { pageTitle } from '../../../lib/browser';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// TODO(shipshape): the handler never checked `req.method`, so it still answers GET, POST, PUT, PATCH, DELETE: export only the methods it serves
async function handler(request: NextRequest) {
  const title = await pageTitle('https://example.com');
  return NextResponse.json({ title }, { status: 200 });
}
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
