import type { NextApiRequest, NextApiResponse } from "next"

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const weather = await fetch(`https://api.weather.example/v1/forecast?city=${req.query.city}`)
  const data = await weather.json()
  res.status(200).json(data)
}
