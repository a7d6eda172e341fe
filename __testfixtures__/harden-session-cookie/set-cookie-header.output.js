export default function handler(req, res) {
  const sid = req.body.sid;
  res.setHeader('Set-Cookie', [`sid=${sid}; Path=/; HttpOnly; Secure; SameSite=Lax;`, 'auth_token=' + sid]);
  res.setHeader("Set-Cookie", `session=${sid}; Max-Age=3600; HttpOnly; Secure; SameSite=Lax; Path=/`);
  res.status(200).end();
}
