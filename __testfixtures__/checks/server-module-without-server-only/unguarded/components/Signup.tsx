'use client';
import { sendWelcome } from '../lib/actions';

export function Signup() {
  return <button onClick={() => sendWelcome('me@example.com')}>Sign up</button>;
}
