import { NextResponse } from 'next/server';
import { checkOtpCode, sendOtpCode } from '@/lib/otp';

export async function POST(request: Request) {
  const { phone, code } = await request.json();
  if (!code) {
    await sendOtpCode(phone);
    return NextResponse.json({ sent: true });
  }
  return NextResponse.json({ verified: await checkOtpCode(phone, code) });
}
