'use server';

import { prisma } from '@/lib/db';

export async function saveProfile(formData: FormData) {
  const values = Object.fromEntries(formData);
  await prisma.user.upsert({ where: { email: String(values.email) }, create: values as never, update: values as never });
}
