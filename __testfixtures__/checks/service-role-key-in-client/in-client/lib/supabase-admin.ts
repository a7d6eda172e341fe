import { createClient } from '@supabase/supabase-js';

const serviceKey = process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!;

export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, serviceKey);
export const secretClient = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
export const anon = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
