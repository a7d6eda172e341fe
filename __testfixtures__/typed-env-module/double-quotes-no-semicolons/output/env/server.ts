import "server-only"
import { z } from "zod"

// Every variable the server reads, checked once when this module loads: a missing one stops the app
// with its name instead of turning up as undefined in production. SKIP_ENV_VALIDATION=1 skips the
// check where the variables are not set on purpose (a CI build, say).
const schema = z.object({
  DATABASE_URL: z.string().min(1),
  REGION: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().min(1),
})

export const env = process.env.SKIP_ENV_VALIDATION ? (process.env as unknown as z.infer<typeof schema>) : schema.parse(process.env)
