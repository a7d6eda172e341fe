export const url = process.env.DATABASE_URL;
export const secret = process.env.SESSION_SECRET;
