import { getServerSession } from 'next-auth';
import { prisma } from '../../../lib/prisma';

export async function POST(req: Request) {
  const session = await getServerSession();
  console.log('creating a note for', session?.user?.email);
  const body = await req.json();
  const note = await prisma.note.create({ data: { text: body.text } });
  return Response.json(note);
}
