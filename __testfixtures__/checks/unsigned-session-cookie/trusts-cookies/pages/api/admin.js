export default function handler(req, res) {
  if (!req.cookies.isAdmin) return res.status(403).json({ error: 'forbidden' });
  return res.json({ users: [] });
}
