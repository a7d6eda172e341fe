export const anon = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
export const publishable = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
export const server = process.env.STRIPE_SECRET_KEY;
