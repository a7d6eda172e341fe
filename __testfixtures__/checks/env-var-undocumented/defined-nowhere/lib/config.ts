export const db = process.env.DATABASE_URL;
export const stripe = process.env['STRIPE_SECRET_KEY'];
export const site = process.env.NEXT_PUBLIC_APP_URL ?? 'http://localhost:3000';
const { RESEND_API_KEY, NODE_ENV } = process.env;
export const mail = { key: RESEND_API_KEY, dev: NODE_ENV !== 'production' };
