const { PrismaClient } = require('@prisma/client');

export default async function handler(req, res) {
  const client = new PrismaClient();
  const notes = await client.note.findMany({ take: 10 });
  await client.$disconnect();
  res.json(notes);
}
