import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const weather = await fetch(`https://api.example.com/weather?city=${req.query.city}`);
  res.status(200).json(await weather.json());
}
