import jwt from 'jsonwebtoken';

const TOKEN_OPTIONS = {
  algorithm: 'HS256' as const,
  expiresIn: '7d',
};

export function signSession(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, { expiresIn: '7d' });
}

export function signWithAlgorithm(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, { algorithm: 'HS256', expiresIn: '7d' });
}

export function signWithConstant(userId: string) {
  return jwt.sign({ userId }, process.env.JWT_SECRET!, TOKEN_OPTIONS);
}

export function signLater(userId: string, done: (error: Error | null, token?: string) => void) {
  jwt.sign({ userId }, process.env.JWT_SECRET!, { expiresIn: '7d' }, (error, token) => done(error, token));
}
