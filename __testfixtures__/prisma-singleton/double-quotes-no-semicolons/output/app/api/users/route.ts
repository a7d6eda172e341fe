import { type User } from "@prisma/client"

import { prisma as db } from "../../../lib/prisma"

export async function GET() {
  const users: User[] = await db.user.findMany({ take: 50 })
  return Response.json(users)
}
