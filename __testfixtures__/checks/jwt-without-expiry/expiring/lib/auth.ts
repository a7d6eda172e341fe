import jwt from 'jsonwebtoken';
import { SignJWT, jwtVerify } from 'jose';
import { sign } from './signature';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);
const SESSION_OPTIONS = { expiresIn: '1h' };

export function signSession(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, { expiresIn: '7d' });
}

export function signWithClaim(userId: string) {
  return jwt.sign({ userId, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET!);
}

export function signWithConstant(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, SESSION_OPTIONS);
}

export function signWithSharedOptions(userId: string, options: jwt.SignOptions) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, options);
}

export function signWithSpread(claims: Record<string, unknown>) {
  return jwt.sign({ ...claims }, process.env.JWT_SECRET!, { ...defaults() });
}

export async function createToken(user: { id: string }) {
  return new SignJWT({ sub: user.id }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);
}

export function signPayload(body: string) {
  return sign(body, 'not a jwt');
}

export async function read(token: string) {
  return jwtVerify(token, secret);
}

function defaults() {
  return { expiresIn: '1d' };
}
