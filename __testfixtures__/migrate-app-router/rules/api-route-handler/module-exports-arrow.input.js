const { sendMail } = require('../../lib/mail');

module.exports = async (req, res) => {
  if (req.method !== 'POST') return res.status(405).end();
  await sendMail(req.body.to, req.body.text);
  res.status(200).json({ sent: true });
};
