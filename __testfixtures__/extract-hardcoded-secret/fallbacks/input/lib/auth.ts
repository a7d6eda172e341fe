export const jwtSecret = process.env.JWT_SECRET || 'dev-secret-do-not-use-1234';
export const sessionSecret = process.env.SESSION_SECRET ?? 'changeme';
