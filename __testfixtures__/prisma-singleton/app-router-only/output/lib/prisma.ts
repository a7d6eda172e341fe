import 'server-only';
import { PrismaClient } from '@prisma/client';

// One client, and one connection pool, per process. Next.js re-runs modules on every reload in
// development, so the client is kept on globalThis there instead of being created again.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
