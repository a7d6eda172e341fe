'use server';
import { prisma } from '@/lib/prisma';

export async function getPaymentsOf(userId: string) {
  return prisma.payment.findMany({ where: { userId } });
}

export async function getSince(since: Date) {
  return prisma.payment.findMany({ where: { date: { gte: since } } });
}

export async function getTeam(teamId: string) {
  return prisma.membership.findMany({ where: { teamId } });
}
