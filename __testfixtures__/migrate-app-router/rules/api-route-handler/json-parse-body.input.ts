import type { NextApiHandler } from 'next';
const handler: NextApiHandler = async (req, res) => {
  if (req.method === 'POST') {
    const data = JSON.parse(req.body);
    res.status(200).json(data);
  } else {
    res.status(405).send('no');
  }
};
export default handler;
