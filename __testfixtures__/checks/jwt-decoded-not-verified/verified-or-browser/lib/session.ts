import { jwtDecode } from 'jwt-decode';

export function displayName(token: string) {
  return jwtDecode<{ name: string }>(token).name;
}
