import { PrismaClient, type User } from "@prisma/client"

const db = new PrismaClient()

export async function GET() {
  const users: User[] = await db.user.findMany({ take: 50 })
  return Response.json(users)
}
