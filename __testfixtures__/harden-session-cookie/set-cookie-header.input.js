export default function handler(req, res) {
  const sid = req.body.sid;
  res.setHeader('Set-Cookie', [`sid=${sid}; Path=/;`, 'auth_token=' + sid]);
  res.setHeader("Set-Cookie", `session=${sid}; Max-Age=3600`);
  res.status(200).end();
}
