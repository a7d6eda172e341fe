'use client';

export function useLogin() {
  return async (email: string) => {
    const response = await fetch('/api/login', { method: 'POST', body: JSON.stringify({ email }) });
    const { token } = await response.json();
    // TODO(shipshape): browser scripts can read this token: have the server set it as an HttpOnly cookie instead
    localStorage.setItem('token', token);
  };
}
