import { databaseUrl } from "../../../lib/config"
import { env } from "../../../env/client"

export async function GET() {
  return Response.json({ db: databaseUrl.length > 0, mode: process.env.NODE_ENV, app: env.NEXT_PUBLIC_APP_URL })
}
