import { faker } from '@faker-js/faker';
import { prisma } from '../lib/prisma';

async function main() {
  for (let i = 0; i < 20; i++) {
    await prisma.task.create({ data: { title: faker.lorem.sentence(), userId: 'demo' } });
  }
}

main();
