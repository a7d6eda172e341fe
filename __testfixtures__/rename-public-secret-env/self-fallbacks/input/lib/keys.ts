export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY || process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY;
export const stripeKey = process.env['STRIPE_SECRET_KEY'] ??
  process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY ?? '';
export const openaiKey = import.meta.env.VITE_OPENAI_API_KEY || import.meta.env.OPENAI_API_KEY;
export const other = process.env.STRIPE_SECRET_KEY_2 || process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;
