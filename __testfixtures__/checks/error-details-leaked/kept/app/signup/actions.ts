'use server';

import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
const SignUp = z.object({ email: z.string().email(), password: z.string().min(8) });

export async function signUp(form: FormData) {
  const { data, error: invalid } = SignUp.safeParse(Object.fromEntries(form));
  if (invalid) return { error: invalid.message };
  const { error } = await supabase.auth.signUp(data);
  if (error) return { error: error.message };
  try {
    await supabase.from('profiles').insert({ email: data.email });
  } catch (failure) {
    console.error('signUp failed:', failure);
    return { error: 'Could not create your profile' };
  }
  return { ok: true };
}
