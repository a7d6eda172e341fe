const key = process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY;
console.log(Boolean(key));
