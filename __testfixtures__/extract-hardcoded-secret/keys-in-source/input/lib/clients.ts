import Stripe from 'stripe';
import OpenAI from 'openai';
import { createClient } from '@supabase/supabase-js';
import jwt from 'jsonwebtoken';

export const stripe = new Stripe('sk_live_51HxAbCdEfGhIjKlMnOpQrStUv');
export const openai = new OpenAI({ apiKey: 'sk-proj-Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0' });
export const admin = createClient('https://abc.supabase.co', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJlLXNydg');
export const db = 'postgresql://postgres:Tr0ub4dor3xyz@db.abcdefghijkl.supabase.co:5432/postgres';
export const config = { apiKey: 'q8Zr2LmX9vT4wKp7Nc3B' };
export const sign = (id: string) => jwt.sign({ id }, 'super-secret-signing-key');
