export async function verifySession(sessionId: string | undefined) {
  return sessionId ? { userId: sessionId } : null;
}
