import { geocode } from '../../components/geocode'

export default async function handler(req, res) {
  res.json(await geocode(req.query.q))
}
