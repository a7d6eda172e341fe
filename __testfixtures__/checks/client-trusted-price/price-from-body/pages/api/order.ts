import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { productId, quantity, totalPrice } = req.body;
  const order = await prisma.order.create({
    data: { productId, quantity, totalPrice },
  });
  res.status(201).json(order);
}
