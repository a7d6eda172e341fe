import { prisma } from '../../lib/prisma';

export default async function handler() {
  return prisma.task.findMany({ take: 20 });
}
