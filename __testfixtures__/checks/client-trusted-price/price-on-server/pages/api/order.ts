import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { productId, quantity } = req.body;
  const product = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
  const order = await prisma.order.create({
    data: { productId, quantity, totalPrice: product.price * quantity },
  });
  res.status(201).json(order);
}
