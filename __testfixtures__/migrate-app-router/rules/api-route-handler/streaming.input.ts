import type { NextApiRequest, NextApiResponse } from 'next';
import { events } from '../../lib/events';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Content-Type', 'text/event-stream');
  events.on('message', (message) => res.write(`data: ${message}\n\n`));
}
