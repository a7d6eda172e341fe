import type { NextApiRequest, NextApiResponse } from 'next';
import { createNote, listNotes } from '../../lib/notes';

const ALLOWED_METHODS = ['GET', 'POST'];

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!ALLOWED_METHODS.includes(req.method!)) {
    res.setHeader('Allow', ALLOWED_METHODS);
    return res.status(405).end();
  }
  if (req.method === 'GET') {
    return res.status(200).json(await listNotes());
  }
  const note = await createNote(req.body);
  return res.status(201).json(note);
}
