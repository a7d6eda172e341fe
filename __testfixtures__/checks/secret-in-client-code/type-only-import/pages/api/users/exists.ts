import type { NextApiRequest, NextApiResponse } from 'next';
import { MongoClient } from 'mongodb';

export interface UserExists {
  exist: boolean;
  hasUsername: boolean;
}

const client = new MongoClient(process.env.MONGODB_DATABASE_URL as string);

export default async function handler(req: NextApiRequest, res: NextApiResponse<UserExists>) {
  const user = await client.db('app').collection('users').findOne({ email: req.query.email });
  res.json({ exist: user !== null, hasUsername: Boolean(user?.username) });
}
