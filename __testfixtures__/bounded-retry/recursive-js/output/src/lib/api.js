import { withRetry } from './retry';

export default async function fetchRetry(url, n) {
  const res = await fetch(url);
  if (!res.ok) {
    new Promise((resolve) => setTimeout(resolve, 2000));
    // TODO(shipshape): replace this hand-written retry with withRetry() from './retry' (at most 3 calls, backoff with jitter, Retry-After honoured, no retry of 4xx)
    return await fetchRetry(url, n - 1);
  }
  return res;
}

export async function getUser(id) {
  const response = await withRetry(() => fetch(`https://api.example.com/users/${id}`));
  return response.json();
}
