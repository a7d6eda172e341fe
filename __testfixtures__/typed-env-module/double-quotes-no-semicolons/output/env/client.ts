import { z } from "zod"

// Variables the browser may read. The build inlines each one only where it is written out in full,
// so every variable is named below rather than read from process.env as a whole.
const schema = z.object({
  NEXT_PUBLIC_APP_URL: z.string().min(1),
})

const values = {
  NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL,
}

export const env = process.env.SKIP_ENV_VALIDATION ? (values as z.infer<typeof schema>) : schema.parse(values)
