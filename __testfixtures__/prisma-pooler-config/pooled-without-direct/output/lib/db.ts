import postgres from 'postgres';

export const sql = postgres(process.env.DATABASE_URL!, {
  prepare: false
});
export const reports = postgres(process.env.DATABASE_URL!, {
  max: 2,
  prepare: false
});
