import type { NextApiRequest, NextApiResponse } from 'next';
import { deleteTask, getTask, updateTask } from '../../../lib/tasks';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { id } = req.query;
  if (req.method === 'GET') {
    const task = await getTask(String(id));
    if (!task) {
      return res.status(404).json({ error: 'not found' });
    }
    res.setHeader('Cache-Control', 's-maxage=10');
    return res.status(200).json(task);
  } else if (req.method === 'PATCH' || req.method === 'PUT') {
    const task = await updateTask(String(id), req.body);
    res.status(200).json(task);
    return;
  } else if (req.method === 'DELETE') {
    if (req.headers['x-api-key'] !== process.env.ADMIN_KEY) return res.status(401).end();
    await deleteTask(String(id));
    await res.revalidate('/tasks');
    return res.status(204).end();
  }
  res.setHeader('Allow', ['GET', 'PATCH', 'PUT', 'DELETE']);
  res.status(405).end(`Method ${req.method} Not Allowed`);
}
