// Written by the route that sends the code, in another module.
export const emailCodes = new Map<string, { code: string; expiresAt: number }>();
