// OTP store (in-memory for MVP, move to Redis later)
const otpStore = new Map<string, { otp: string; expires: number }>();

export function storeOTP(phone: string, otp: string) {
  otpStore.set(phone.replace(/\D/g, ''), { otp, expires: Date.now() + 5 * 60 * 1000 });
}

export function verifyOTP(phone: string, otp: string) {
  const entry = otpStore.get(phone);
  return !!entry && entry.otp === otp && entry.expires > Date.now();
}
