import { NextResponse } from 'next/server';
import { verifyOtp } from '@/lib/otp';

export async function POST(request: Request) {
  const { email, code } = await request.json();
  if (!(await verifyOtp(email, code))) {
    return NextResponse.json({ error: 'Invalid or expired code' }, { status: 401 });
  }
  return NextResponse.json({ verified: true });
}
