import { env } from "../env/server"

export const databaseUrl = env.DATABASE_URL!
export const region = env.REGION ?? "eu-west-1"
export const { STRIPE_SECRET_KEY } = env
