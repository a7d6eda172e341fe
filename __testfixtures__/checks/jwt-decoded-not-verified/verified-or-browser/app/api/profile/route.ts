import jwt from 'jsonwebtoken';
import { NextRequest, NextResponse } from 'next/server';

export async function GET(request: NextRequest) {
  const token = request.headers.get('authorization')?.slice(7) ?? '';
  const header = jwt.decode(token, { complete: true });
  const claims = jwt.verify(token, process.env.JWT_SECRET!) as { sub: string };
  return NextResponse.json({ sub: claims.sub, alg: header?.header.alg });
}

export async function HEAD(request: NextRequest) {
  const token = request.headers.get('authorization')?.slice(7) ?? '';
  const { exp } = jwt.decode(token) as { exp: number };
  return new NextResponse(null, { headers: { 'x-expires': String(exp) } });
}
