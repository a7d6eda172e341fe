export const apiBase = process.env.API_BASE_URL ?? 'http://localhost:3000';
