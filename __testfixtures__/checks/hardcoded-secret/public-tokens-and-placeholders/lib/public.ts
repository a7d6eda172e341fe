import { initializeApp } from 'firebase/app';
import { createStorefrontApiClient } from '@shopify/storefront-api-client';
import algoliasearch from 'algoliasearch';
import { Resend } from 'resend';
import Stripe from 'stripe';

export const firebase = initializeApp({
  apiKey: 'AIzaSyDq3kX9vT4wKp7Nc3Bx1Hd8LmQzR2sT5uV',
  authDomain: 'demo-app.firebaseapp.com',
  projectId: 'demo-app',
  appId: '1:123456789012:web:abc123def456',
});
export const shop = createStorefrontApiClient({ storeDomain: 'demo.myshopify.com', publicAccessToken: 'b3f9a2c1d4e7f6a8c9e0b1d2a3f4e5c6', storefrontAccessToken: 'b3f9a2c1d4e7f6a8c9e0b1d2a3f4e5c6' });
export const mapboxToken = 'pk.eyJ1IjoiZGVtbyIsImEiOiJjbGFiYzEyMzQifQ.AbCdEfGh12345';
export const search = algoliasearch('ABCD1234EF', 'c9e0b1d2a3f4e5c6b3f9a2c1d4e7f6a8');
export const algoliaSearchKey = 'c9e0b1d2a3f4e5c6b3f9a2c1d4e7f6a8';
export const sentryDsn = 'https://0123456789abcdef0123456789abcdef@o123456.ingest.sentry.io/4505';
export const posthogKey = 'phc_Ab12Cd34Ef56Gh78Ij90KlMnOpQrStUvWxYz';
export const segment = { writeKey: 'Zx81Yw72Xv63Wu54Vt45Us36' };
export const stripePublishable = 'pk_live_51HxAbCdEfGhIjKlMnOpQrStUv';
export const openaiKey = process.env.OPENAI_API_KEY || 'your-key-here';
export const jwtSecret = process.env.JWT_SECRET ?? '';
export const apiToken = process.env.API_TOKEN || 'xxx';
export const resend = new Resend(process.env.RESEND_API_KEY);
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_test_placeholder');
export const mail = new Resend('re_xxxxxxxx');
