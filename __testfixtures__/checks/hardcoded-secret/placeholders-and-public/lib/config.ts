export const stripeKey = process.env.STRIPE_SECRET_KEY ?? 'sk_test_your-key-here';
export const publishable = 'pk_live_51HxAbCdEfGhIjKlMnOpQrStUv';
export const anon = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJlLWFub24';
export const password = 'changeme';
export const token = process.env.API_TOKEN;
export const message = 'Your password must have at least 12 characters';
export const local = 'postgresql://localhost:5432/app';
export const docs = 'postgres://user:<password>@host:5432/db';
// shipshape-ignore hardcoded-secret -- a revoked demo key kept for the tutorial
export const demo = 'sk_live_51RevokedDemoKeyForTheTutorial0';
