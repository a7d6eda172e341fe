import { prisma } from '../lib/prisma';

export const exportAll = () => prisma.order.findMany();
