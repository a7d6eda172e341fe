import { jwtDecode } from 'jwt-decode';

export default function handler(req, res) {
  const user = jwtDecode(req.headers.authorization.replace('Bearer ', ''));
  return res.json(listOrders(user));
}

function listOrders(user) {
  return [{ owner: user }];
}
