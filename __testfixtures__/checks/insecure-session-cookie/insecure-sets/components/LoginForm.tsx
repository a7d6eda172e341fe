'use client';
import Cookies from 'js-cookie';

export function LoginForm() {
  async function submit() {
    const response = await fetch('/api/login', { method: 'POST' });
    const data = await response.json();
    localStorage.setItem('accessToken', data.accessToken);
    Cookies.set('token', data.token, { expires: 7 });
    document.cookie = `refresh_token=${data.refreshToken}; path=/`;
  }
  return <button onClick={submit}>Sign in</button>;
}
