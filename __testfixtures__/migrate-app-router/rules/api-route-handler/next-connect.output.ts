import nc from 'next-connect';
import { listTasks } from '../../lib/tasks';

// TODO(shipshape): this API route is not a plain `(req, res)` handler: `nc()` builds a router (next-connect or similar) whose methods this rule cannot read: write one exported function per method (`export async function GET(request: Request)` …) by hand; the route stays in pages/api until then
export default nc().get(async (req, res) => {
  res.json(await listTasks());
});
