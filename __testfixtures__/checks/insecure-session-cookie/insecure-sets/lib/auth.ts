export async function signToken(email: string) {
  return `signed.${email}`;
}

export async function createSession(email: string) {
  return `session.${email}`;
}
