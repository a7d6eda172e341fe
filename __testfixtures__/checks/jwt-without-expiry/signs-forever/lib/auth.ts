import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export function signSession(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!);
}

export function signWithAlgorithm(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, { algorithm: 'HS256' });
}

export async function createToken(user: { id: string; role: string }) {
  return new SignJWT({ sub: user.id, role: user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(secret);
}
