import { jwtVerify } from 'jose';
import { NextRequest, NextResponse } from 'next/server';

const key = new TextEncoder().encode(process.env.JWT_SECRET);

export async function middleware(request: NextRequest) {
  const token = request.cookies.get('admin_session')?.value;
  if (!token) return NextResponse.redirect(new URL('/login', request.url));
  const { payload } = await jwtVerify(token, key);
  if (payload.role !== 'admin') return NextResponse.redirect(new URL('/', request.url));
  const theme = request.cookies.get('theme')?.value === 'dark' ? 'dark' : 'light';
  const response = NextResponse.next();
  response.headers.set('x-theme', theme);
  return response;
}
