import { randomUUID } from 'node:crypto';

const sessionStore = new Map<string, { userId: number }>();

export function createSession(userId: number): string {
  const id = randomUUID();
  sessionStore.set(id, { userId });
  return id;
}

export function getSession(id: string): { userId: number } | null {
  return sessionStore.get(id) ?? null;
}

export function destroySession(id: string): void {
  sessionStore.delete(id);
}
