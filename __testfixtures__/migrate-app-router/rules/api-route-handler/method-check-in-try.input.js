import { deleteUser, getUser } from '../../../lib/users';

export default async function handler(req, res) {
  const { query, method } = req;
  try {
    if (method === 'GET') {
      const user = await getUser(query.id);
      return res.status(200).json(user);
    } else if (method === 'DELETE') {
      await deleteUser(query.id);
      return res.status(204).end();
    } else {
      res.setHeader('Allow', ['GET', 'DELETE']);
      return res.status(405).end(`Method ${method} Not Allowed`);
    }
  } catch (error) {
    return res.status(500).json({ error: String(error) });
  }
}
