import type { NextApiRequest, NextApiResponse } from "next"
import { prisma } from "../../lib/prisma"

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const tasks = await prisma.task.findMany({ take: 20 })
  res.json(tasks)
}
