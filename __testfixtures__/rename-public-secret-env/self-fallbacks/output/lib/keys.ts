export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
export const stripeKey = process.env['STRIPE_SECRET_KEY'] ?? '';
export const openaiKey = import.meta.env.OPENAI_API_KEY;
export const other = process.env.STRIPE_SECRET_KEY_2 || process.env.STRIPE_SECRET_KEY;
