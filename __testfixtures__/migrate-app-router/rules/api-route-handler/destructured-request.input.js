export default function handler(req, res) {
  const { method, body } = req;
  if (method === 'PUT') {
    return res.json({ updated: body.id });
  }
  if (method === 'GET') {
    return res.json({ ok: true });
  }
  res.status(405).json({ message: 'Method not allowed' });
}
