import prisma from '../../lib/prisma';

export default async function handler(req, res) {
  try {
    const total = await prisma.page.aggregate({ _sum: { likes: true } });
    return res.status(200).json({ total: total._sum.likes });
  } catch (err) {
    if (req.query.verbose) {
      console.error('pages-api.js failed:', err);
      return res.status(500).json({ error: 'Internal Server Error', stack: 'Internal Server Error' });
    }
    console.error('pages-api.js failed:', err);
    res.status(502).send(`Upstream failed for ${req.query.slug}`);
  }
}
