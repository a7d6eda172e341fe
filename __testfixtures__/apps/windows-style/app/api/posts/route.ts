import { PrismaClient } from "@prisma/client"

export async function GET() {
  const prisma = new PrismaClient()
  const posts = await prisma.post.findMany({ take: 20, orderBy: { id: "desc" } })
  return Response.json(posts)
}
