'use server';

import { revalidatePath } from 'next/cache';
import { prisma } from '@/lib/prisma';

export async function deleteHistory(historyId: string) {
  try {
    await prisma.shoppingHistory.delete({ where: { id: historyId } });
    revalidatePath('/shopping/history');
    return { success: true, message: 'Deleted' };
  } catch (error) {
    if (error instanceof Error) {
      return { success: false, message: error.message || 'Could not delete the history' };
    }
    return { success: false, message: 'Could not delete the history' };
  }
}

export async function renameHistory(historyId: string, name: string) {
  try {
    await prisma.shoppingHistory.update({ where: { id: historyId }, data: { name } });
    return { success: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    return { success: false, message };
  }
}
