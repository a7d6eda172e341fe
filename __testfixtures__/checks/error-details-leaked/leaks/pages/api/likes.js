import prisma from '../../lib/prisma';

export default async function handler(req, res) {
  try {
    const total = await prisma.page.aggregate({ _sum: { likes: true } });
    return res.status(200).json({ total: total._sum.likes });
  } catch (err) {
    if (req.query.verbose) {
      return res.status(500).json({ error: err?.message || String(err), stack: err.stack });
    }
    res.status(502).send(`Upstream failed for ${req.query.slug}: ${err.message}`);
  }
}
