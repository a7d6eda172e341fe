export const key = process.env.NEXT_PUBLIC_OPENAI_API_KEY;
export const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
