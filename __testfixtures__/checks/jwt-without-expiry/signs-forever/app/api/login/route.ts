import * as jwt from 'jsonwebtoken';
import { NextResponse } from 'next/server';

const TOKEN_OPTIONS = { algorithm: 'HS256' as const };

export async function POST(request: Request) {
  const { email } = await request.json();
  const token = jwt.sign({ email }, process.env.JWT_SECRET!, TOKEN_OPTIONS);
  return NextResponse.json({ token });
}
