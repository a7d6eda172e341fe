import nc from 'next-connect';
import { listTasks } from '../../lib/tasks';

export default nc().get(async (req, res) => {
  res.json(await listTasks());
});
