import { PrismaClient as Db } from '@prisma/client';

export default new Db();
