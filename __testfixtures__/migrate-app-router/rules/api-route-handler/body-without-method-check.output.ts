import { subscribe } from '../../lib/newsletter';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// TODO(shipshape): the handler never checked `req.method` and reads the body, which a GET has not, so it answers POST, PUT, PATCH, DELETE: export only the methods it serves
async function handler(request: NextRequest) {
  const body = await request.json();
  const { email } = body;
  await subscribe(email);
  return NextResponse.json({ ok: true }, { status: 201 });
}
export { handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
