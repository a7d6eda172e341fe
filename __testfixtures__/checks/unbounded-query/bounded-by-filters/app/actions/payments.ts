'use server';
import { prisma } from '@/lib/prisma';
import { getAuthUser } from '@/lib/auth';

export async function getPayments() {
  const user = await getAuthUser();
  return prisma.payment.findMany({ where: { userId: user.id }, orderBy: { date: 'desc' } });
}

export async function getMonth(year: number, month: number) {
  return prisma.payment.findMany({ where: { date: { gte: new Date(year, month - 1, 1), lt: new Date(year, month, 1) } } });
}
