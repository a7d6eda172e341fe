'use server';
import { cookies } from 'next/headers';
import { db } from '../../lib/db';

export async function deleteUser(id: string) {
  const role = cookies().get('role')?.value;
  if (role === 'admin') {
    await db.user.delete({ where: { id } });
  }
}
