import { prisma } from './prisma';
import { sessionStore } from './session-store';

const OTP_TTL_MS = 5 * 60 * 1000;

interface OtpEntry {
  code: string;
  expiresAt: number;
  attempts: number;
}

export async function sendOtp(email: string): Promise<string> {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) throw new Error('No such user');
  const code = String(Math.floor(100000 + Math.random() * 900000));
  await sessionStore.set('otpStore', email, { code, expiresAt: Date.now() + OTP_TTL_MS, attempts: 0 }, 300);
  return code;
}

export async function verifyOtp(email: string, code: string): Promise<boolean> {
  const entry = await sessionStore.get<OtpEntry>('otpStore', email);
  if (!entry) return false;
  if (Date.now() > entry.expiresAt) {
    await sessionStore.delete('otpStore', email);
    return false;
  }
  if (entry.code !== code) return false;
  await sessionStore.delete('otpStore', email);
  return true;
}
