import { prisma as client } from '../../lib/prisma';

export default async function handler(req, res) {
  const notes = await client.note.findMany({ take: 10 });
  res.json(notes);
}
