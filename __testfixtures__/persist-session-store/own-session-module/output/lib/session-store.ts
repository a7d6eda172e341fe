import { randomUUID } from 'node:crypto';
import { sessionStore } from './session-store-db';

export async function createSession(userId: number): Promise<string> {
  const id = randomUUID();
  await sessionStore.set('sessionStore', id, { userId }, 604800);
  return id;
}

export async function getSession(id: string): Promise<{ userId: number } | null> {
  return await sessionStore.get<{ userId: number }>('sessionStore', id) ?? null;
}

export async function destroySession(id: string): Promise<void> {
  await sessionStore.delete('sessionStore', id);
}
