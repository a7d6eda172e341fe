import { MongoClient } from 'mongodb';
import postgres from 'postgres';

export async function handler() {
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const sql = postgres(process.env.DATABASE_URL!);
  return [mongo, sql];
}
