import { getCurrentUser } from './auth/session';

export async function requireUser() {
  const user = await getCurrentUser();
  if (!user) throw new Error('Not signed in');
  return user;
}
