'use client';
import { displayName } from '../lib/session';

export function Header({ token }: { token: string }) {
  return <h1>{displayName(token)}</h1>;
}
