'use client';

export function Greeting() {
  const name = typeof window === 'undefined' ? 'guest' : localStorage.getItem('name');
  return <p>Hello {name}</p>;
}
