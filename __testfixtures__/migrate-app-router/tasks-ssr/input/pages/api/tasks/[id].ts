import type { NextApiRequest, NextApiResponse } from 'next';
import { deleteTask, getTask, saveTask } from '../../../lib/tasks';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = String(req.query.id);
  const task = await getTask(id);
  if (!task) {
    return res.status(404).json({ error: 'no such task' });
  }
  switch (req.method) {
    case 'GET':
      return res.json(task);
    case 'PATCH':
      return res.json(await saveTask({ ...task, ...req.body, id }));
    case 'DELETE':
      await deleteTask(id);
      return res.status(204).end();
    default:
      res.setHeader('Allow', 'GET, PATCH, DELETE');
      return res.status(405).json({ error: `${req.method} not allowed` });
  }
}
