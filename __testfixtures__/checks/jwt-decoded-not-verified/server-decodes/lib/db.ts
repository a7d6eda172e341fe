export const db = { user: { findUnique: async (query: unknown) => query } };
