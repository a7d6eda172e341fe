import { Prisma } from '@prisma/client';
import { prisma } from './prisma';
import { pool } from './db';

export async function safe(id: string, search: URLSearchParams) {
  const a = await prisma.$queryRaw`SELECT * FROM "Task" WHERE id = ${id}`;
  const b = await prisma.$queryRawUnsafe('SELECT * FROM "Task" WHERE id = $1', id);
  const c = await pool.query('SELECT * FROM tasks WHERE id = $1', [id]);
  const d = await prisma.$queryRaw(Prisma.sql`SELECT 1 WHERE ${id} = ${id}`);
  const e = search.query(`page=${id}`);
  const f = [1, 2].filter((n) => n > 1);
  return [a, b, c, d, e, f];
}
