import mongoose from 'mongoose';

const cached = (globalThis as { mongoose?: Promise<typeof mongoose> }).mongoose;

export async function connect() {
  if (mongoose.connection.readyState === 1) return mongoose;
  return cached ?? mongoose.connect(process.env.MONGO_URL!);
}
