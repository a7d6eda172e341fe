import { UserExists } from 'pages/api/users/exists';

export async function checkUser(email: string): Promise<UserExists> {
  const response = await fetch(`/api/users/exists?email=${encodeURIComponent(email)}`);
  const result: UserExists = await response.json();
  return result;
}
