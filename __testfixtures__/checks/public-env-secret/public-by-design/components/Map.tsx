'use client';
export const token = process.env.NEXT_PUBLIC_MAPBOX_TOKEN;
export const shop = process.env.NEXT_PUBLIC_SHOPIFY_STOREFRONT_ACCESS_TOKEN;
export const storefront = process.env.SHOPIFY_STOREFRONT_ACCESS_TOKEN;
export const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;
