import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'prisma-pooler-config',
  title: 'Connect through the pooler in serverless functions',
  description:
    'Adds `directUrl = env("DIRECT_URL")` to the Prisma datasource, `prepare: false` to postgres.js clients, and the pooled and direct URL templates to `.env.example`. Real `.env` files are never edited: the summary says which values to change.',
  safe: true,
};
