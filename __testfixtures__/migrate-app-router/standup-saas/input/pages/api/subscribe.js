// Newsletter sign-up, called from the blog's footer form.
const subscribers = new Set();

module.exports = async (req, res) => {
  if (req.method !== 'POST') {
    res.status(405).json({ error: 'Method not allowed' });
    return;
  }
  const email = String(req.body && req.body.email ? req.body.email : '').trim().toLowerCase();
  if (!email.includes('@')) {
    res.status(400).json({ error: 'A valid e-mail address is required' });
    return;
  }
  subscribers.add(email);
  res.status(201).json({ subscribed: true, count: subscribers.size });
};
