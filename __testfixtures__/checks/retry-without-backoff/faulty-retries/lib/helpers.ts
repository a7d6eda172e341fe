export async function retryAsync<T>(fn: () => Promise<T>, retries = 3): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (retries <= 0) throw err;
    return retryAsync(fn, retries - 1);
  }
}

export function load(url: string, retries = 2): Promise<Response> {
  return fetch(url).catch(() => (retries > 0 ? load(url, retries - 1) : Promise.reject(new Error('offline'))));
}
