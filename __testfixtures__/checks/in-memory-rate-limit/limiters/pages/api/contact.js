const attempts = new Map();
const LIMIT = 3;

export default async function handler(req, res) {
  const ip = req.headers['x-real-ip'] || req.socket.remoteAddress;
  const entry = attempts.get(ip) || { count: 0, start: Date.now() };
  entry.count += 1;
  attempts.set(ip, entry);
  if (entry.count > LIMIT) return res.status(429).end();
  res.status(200).json({ sent: true });
}
