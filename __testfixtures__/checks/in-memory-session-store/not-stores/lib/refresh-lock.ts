// Concurrent refreshes of one token wait for the first: a lock for work in flight in this process.
export const refreshTokenLock = new Map<string, number>();

export async function refreshOnce(token: string, refresh: () => Promise<void>): Promise<void> {
  if (refreshTokenLock.has(token)) return;
  refreshTokenLock.set(token, Date.now());
  try {
    await refresh();
  } finally {
    refreshTokenLock.delete(token);
  }
}
