'use client';
import { getCookie } from 'cookies-next';

export function AdminLink() {
  if (getCookie('isAdmin') === 'true') return <a href="/admin">Admin</a>;
  return null;
}
