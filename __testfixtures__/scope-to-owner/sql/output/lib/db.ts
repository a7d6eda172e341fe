import { Pool } from 'pg';
import postgres from 'postgres';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const sql = postgres(process.env.DATABASE_URL!);
