export const databaseUrl = process.env.DATABASE_URL!
export const region = process.env.REGION ?? "eu-west-1"
export const { STRIPE_SECRET_KEY } = process.env
