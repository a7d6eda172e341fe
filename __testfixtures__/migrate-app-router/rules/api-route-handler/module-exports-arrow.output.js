import { NextResponse } from 'next/server';
const { sendMail } = require('../../lib/mail');

export async function POST(request) {
  const body = await request.json();
  await sendMail(body.to, body.text);
  return NextResponse.json({ sent: true }, { status: 200 });
}
