import type { NextApiRequest, NextApiResponse } from 'next';

exports.default = (req: NextApiRequest, res: NextApiResponse) => res.status(200).json({ ok: true, at: req.query.at });
