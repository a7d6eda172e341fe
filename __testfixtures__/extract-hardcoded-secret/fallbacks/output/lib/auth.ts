export const jwtSecret = process.env.JWT_SECRET!;
export const sessionSecret = process.env.SESSION_SECRET!;
