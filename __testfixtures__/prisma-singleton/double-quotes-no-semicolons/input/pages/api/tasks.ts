import type { NextApiRequest, NextApiResponse } from "next"
import { PrismaClient } from "@prisma/client"

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const prisma = new PrismaClient()
  try {
    const tasks = await prisma.task.findMany({ take: 20 })
    res.json(tasks)
  } finally {
    await prisma.$disconnect()
  }
}
