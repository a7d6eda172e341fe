export const pool = null
