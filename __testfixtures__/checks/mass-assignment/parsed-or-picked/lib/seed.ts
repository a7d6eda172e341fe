import { prisma } from './db';

export async function seed(body: { name: string }) {
  await prisma.tag.create({ data: body });
}
