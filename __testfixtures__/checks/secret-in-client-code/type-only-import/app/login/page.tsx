'use client';

import { useState } from 'react';
import { checkUser } from './check';
import { plans, type Plan } from '../../lib/plans';

export default function Login() {
  const [email, setEmail] = useState('');
  const first: Plan = plans[0]!;
  return (
    <form onSubmit={async (event) => { event.preventDefault(); await checkUser(email); }}>
      <input value={email} onChange={(event) => setEmail(event.target.value)} />
      <p>{first.id}</p>
    </form>
  );
}
