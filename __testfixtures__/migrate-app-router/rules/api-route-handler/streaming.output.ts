import type { NextApiRequest, NextApiResponse } from 'next';
import { events } from '../../lib/events';

// TODO(shipshape): the handler uses `res.write`, which a route handler does not have: rewrite it for the Web `Request` and a returned `Response` by hand; the route stays in pages/api until then
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Content-Type', 'text/event-stream');
  events.on('message', (message) => res.write(`data: ${message}\n\n`));
}
