import type { NextApiRequest, NextApiResponse } from 'next';
import { listTasks, saveTask } from '../../../lib/tasks';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const tasks = await listTasks();
    const done = req.query.done;
    return res.status(200).json(done === undefined ? tasks : tasks.filter((task) => String(task.done) === done));
  }
  if (req.method === 'POST') {
    const task = await saveTask({ id: String(Date.now()), title: String(req.body.title), done: false });
    res.setHeader('Location', `/api/tasks/${task.id}`);
    return res.status(201).json(task);
  }
  res.setHeader('Allow', ['GET', 'POST']);
  res.status(405).end();
}
