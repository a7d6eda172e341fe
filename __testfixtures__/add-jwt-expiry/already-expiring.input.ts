import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';

export function signSession(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}

export function signWithClaim(userId: string) {
  return jwt.sign({ userId, exp: Math.floor(Date.now() / 1000) + 60 }, process.env.JWT_SECRET!);
}

export async function createToken(id: string, secret: Uint8Array) {
  return new SignJWT({ id }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);
}
