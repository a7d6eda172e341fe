'use client';

export function Theme({ theme }: { theme: string }) {
  localStorage.setItem('theme', theme);
  document.cookie = `theme=${theme}; path=/`;
  return null;
}

export function signOut() {
  document.cookie = 'access_token="";Max-Age=1';
  document.cookie = `session=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
