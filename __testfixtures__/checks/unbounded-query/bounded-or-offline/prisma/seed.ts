import { prisma } from '../lib/prisma';

export const everyone = () => prisma.user.findMany();
