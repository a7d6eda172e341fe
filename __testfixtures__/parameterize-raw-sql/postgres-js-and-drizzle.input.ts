import postgres from 'postgres';
import { sql } from 'drizzle-orm';

const db = postgres(process.env.DATABASE_URL!);

export const archived = (id: number) => db.unsafe(`UPDATE notes SET archived = true WHERE id = ${id}`);
export const tagged = (tag: string) => sql.raw(`tags @> ARRAY['${tag}']`);
