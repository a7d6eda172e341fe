import Stripe from 'stripe';

const stripe = new Stripe('sk_live_51HxPrototypeKeyDoNotShip0123456789abcdef', { apiVersion: '2024-04-10' });
const webhookSecret = "whsec_prototype0123456789";
const db = 'postgresql://postgres:hunter2hunter2@db.abcdefghijklmnop.supabase.co:5432/postgres';

export { stripe, webhookSecret, db };
