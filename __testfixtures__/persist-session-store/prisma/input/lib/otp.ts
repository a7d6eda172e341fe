import { prisma } from './prisma';

const OTP_TTL_MS = 5 * 60 * 1000;

interface OtpEntry {
  code: string;
  expiresAt: number;
  attempts: number;
}

// In-memory OTP store (use Redis or the database in production)
const otpStore = new Map<string, OtpEntry>();

export async function sendOtp(email: string): Promise<string> {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) throw new Error('No such user');
  const code = String(Math.floor(100000 + Math.random() * 900000));
  otpStore.set(email, { code, expiresAt: Date.now() + OTP_TTL_MS, attempts: 0 });
  return code;
}

export function verifyOtp(email: string, code: string): boolean {
  const entry = otpStore.get(email);
  if (!entry) return false;
  if (Date.now() > entry.expiresAt) {
    otpStore.delete(email);
    return false;
  }
  if (entry.code !== code) return false;
  otpStore.delete(email);
  return true;
}
