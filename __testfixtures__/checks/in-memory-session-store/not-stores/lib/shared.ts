// Exported collections other modules write: a cache of profiles, and codes only browser code keeps.
export const profileCache = new Map<string, { name: string; token: string }>();
export const draftCodes = new Map<string, { code: string; expiresAt: number }>();
