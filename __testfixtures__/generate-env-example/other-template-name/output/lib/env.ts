export const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
export const key = process.env.OPENAI_API_KEY;
