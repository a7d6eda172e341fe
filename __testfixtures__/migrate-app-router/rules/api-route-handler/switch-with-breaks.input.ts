import type { NextApiRequest, NextApiResponse } from 'next';
export default async (req: NextApiRequest, res: NextApiResponse) => {
  switch (req.method) {
    case 'GET': {
      if (!req.query.id) {
        res.status(400).json({ error: 'id' });
        break;
      }
      res.status(200).json({ id: req.query.id });
      break;
    }
    case 'POST': {
      const { name } = req.body;
      res.status(201).json({ name });
      break;
    }
    default:
      res.setHeader('Allow', ['GET', 'POST']);
      res.status(405).end(`Method ${req.method} Not Allowed`);
  }
};
