'use server';
import { redirect } from 'next/navigation';
import { createClient } from '@/lib/supabase/server';
import { headers } from 'next/headers';
import { clientAddress, rateLimit } from '../../lib/rate-limit';

export async function login(formData: FormData) {
  const rate = await rateLimit(`action:login:ip:${clientAddress(await headers())}`);
  if (!rate.allowed) {
    throw new Error(`Too many attempts: try again in ${rate.retryAfter} seconds`);
  }
  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({
    email: String(formData.get('email')),
    password: String(formData.get('password')),
  });
  if (error) redirect('/login?error=1');
  redirect('/');
}
