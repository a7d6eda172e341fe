const otpCodes = new Map<string, { code: string; expiresAt: number }>();

// Expired codes are swept once a minute.
setInterval(() => {
  for (const [phone, entry] of otpCodes) if (entry.expiresAt < Date.now()) otpCodes.delete(phone);
}, 60_000);

export async function sendOtpCode(phone: string): Promise<string> {
  const code = String(Math.floor(100000 + Math.random() * 900000));
  otpCodes.set(phone, { code, expiresAt: Date.now() + 10 * 60 * 1000 });
  return code;
}

export async function checkOtpCode(phone: string, code: string): Promise<boolean> {
  const entry = otpCodes.get(phone);
  return Boolean(entry && entry.code === code && entry.expiresAt > Date.now());
}

const loginSessions = new Map<string, { userId: string; createdAt: Date }>();

export async function startSession(userId: string): Promise<string> {
  const token = crypto.randomUUID();
  loginSessions.set(token, { userId, createdAt: new Date() });
  return token;
}

export async function sessionUser(token: string): Promise<string | null> {
  return loginSessions.get(token)?.userId ?? null;
}

const pendingCodes = new Map<string, string>();

function rememberCode(phone: string, code: string): void {
  pendingCodes.set(phone, code);
}

export function sendLater(phone: string, code: string): void {
  rememberCode(phone, code);
}

export async function pendingCode(phone: string): Promise<string | null> {
  return pendingCodes.get(phone) ?? null;
}

const challengeTokens = new Map<string, string>();

export async function saveChallenge(id: string, token: string): Promise<void> {
  challengeTokens.set(id, token);
}

export async function challengeMissing(id: string): Promise<boolean> {
  return challengeTokens.get(id) === undefined;
}
