// Error codes: static data.
export const errorCodes: Record<string, string> = {};
errorCodes.E_AUTH = 'Not signed in';
errorCodes.E_LIMIT = 'Too many requests';
export const sessionLabels = new Map([['guest', 'Guest']]);
