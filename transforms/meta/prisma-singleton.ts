import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'prisma-singleton',
  title: 'One PrismaClient per process',
  description:
    'Keeps one Prisma module (the existing one, or a new `lib/prisma.ts` from a template) that caches its client on globalThis, and makes every other `new PrismaClient()` an import of it, removing the per-request `$disconnect()` calls that would close the shared client.',
  safe: true,
};
