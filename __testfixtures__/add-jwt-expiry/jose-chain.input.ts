import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export async function createToken(user: { id: string; role: string }) {
  return new SignJWT({ sub: user.id, role: user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(secret);
}

export async function createShortToken(id: string) {
  return new SignJWT({ id }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}
