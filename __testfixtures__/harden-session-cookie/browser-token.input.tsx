'use client';

export function useLogin() {
  return async (email: string) => {
    const response = await fetch('/api/login', { method: 'POST', body: JSON.stringify({ email }) });
    const { token } = await response.json();
    localStorage.setItem('token', token);
  };
}
