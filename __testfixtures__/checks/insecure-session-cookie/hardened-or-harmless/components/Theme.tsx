'use client';

export function Theme({ theme }: { theme: string }) {
  localStorage.setItem('theme', theme);
  document.cookie = `theme=${theme}; path=/`;
  return null;
}
