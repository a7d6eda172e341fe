const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fetchWithRetry(url: string, init: RequestInit = {}, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, init);
      if (res.ok || attempt >= attempts || (res.status < 500 && res.status !== 429)) return res;
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(retryAfter > 0 ? retryAfter * 1000 : Math.random() * 500 * 2 ** attempt);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(Math.random() * 500 * 2 ** attempt);
    }
  }
}
