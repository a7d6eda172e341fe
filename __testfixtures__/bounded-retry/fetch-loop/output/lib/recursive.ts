import { withRetry } from './retry';

export async function getJson(url: string, retries = 3): Promise<unknown> {
  const response = await withRetry(() => fetch(url, { headers: { accept: 'application/json' } }));

  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The body is JSON whenever the status is 2xx.
  return await response.json();
}
