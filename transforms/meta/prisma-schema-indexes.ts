import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'prisma-schema-indexes',
  title: 'Declare the missing indexes in schema.prisma',
  description:
    'Adds `@@index([…])` to models whose relation fields no index leads with, and `@@unique([…])` for fields the code looks one row up by, so `prisma migrate dev` creates them and schema.prisma stays the source of truth. A unique index fails to build while duplicates exist: review before migrating.',
  safe: false,
};
