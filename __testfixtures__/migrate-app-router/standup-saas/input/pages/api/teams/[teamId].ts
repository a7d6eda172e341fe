import type { NextApiRequest, NextApiResponse } from 'next';
import { getTeam, renameTeam } from '../../../lib/teams';

export default async function teamHandler(req: NextApiRequest, res: NextApiResponse) {
  const teamId = String(req.query.teamId);
  switch (req.method) {
    case 'GET': {
      const team = await getTeam(teamId);
      if (!team) return res.status(404).json({ error: 'No such team' });
      return res.status(200).json(team);
    }
    case 'PATCH': {
      const name = typeof req.body?.name === 'string' ? req.body.name.trim() : '';
      if (!name) return res.status(400).json({ error: 'name is required' });
      const team = await renameTeam(teamId, name);
      if (!team) return res.status(404).json({ error: 'No such team' });
      return res.status(200).json(team);
    }
    default:
      res.setHeader('Allow', 'GET, PATCH');
      return res.status(405).end();
  }
}
