import Stripe from 'stripe';
import OpenAI from 'openai';
import { createClient } from '@supabase/supabase-js';
import jwt from 'jsonwebtoken';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY! });
export const admin = createClient('https://abc.supabase.co', process.env.SUPABASE_SERVICE_ROLE_KEY!);
export const db = process.env.DATABASE_URL!;
export const config = { apiKey: process.env.API_KEY! };
export const sign = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET!);
