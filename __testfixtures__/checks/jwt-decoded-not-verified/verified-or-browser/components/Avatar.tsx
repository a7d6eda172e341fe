'use client';
import { jwtDecode } from 'jwt-decode';

export function Avatar({ token }: { token: string }) {
  const { name } = jwtDecode<{ name: string }>(token);
  return <span>{name}</span>;
}
