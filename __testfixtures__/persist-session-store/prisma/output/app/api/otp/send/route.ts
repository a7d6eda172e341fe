import { NextResponse } from 'next/server';
import { sendOtp } from '@/lib/otp';

export async function POST(request: Request) {
  const { email } = await request.json();
  await sendOtp(email);
  return NextResponse.json({ sent: true });
}
