export const adminToken = process.env.ADMIN_TOKEN;
