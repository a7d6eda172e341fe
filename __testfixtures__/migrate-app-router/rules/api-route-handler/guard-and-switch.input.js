import { createTask, listTasks } from '../../lib/tasks';

export const config = { api: { bodyParser: { sizeLimit: '1mb' } } };

export default async function handler(req, res) {
  switch (req.method) {
    case 'GET': {
      const tasks = await listTasks({ status: req.query.status, session: req.cookies.session });
      return res.json(tasks);
    }
    case 'POST':
      const task = await createTask(req.body);
      return res.status(201).json(task);
    default:
      return res.status(405).json({ error: 'method not allowed' });
  }
}
