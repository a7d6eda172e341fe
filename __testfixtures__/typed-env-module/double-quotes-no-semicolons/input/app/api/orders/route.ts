import { databaseUrl } from "../../../lib/config"

export async function GET() {
  return Response.json({ db: databaseUrl.length > 0, mode: process.env.NODE_ENV, app: process.env.NEXT_PUBLIC_APP_URL })
}
