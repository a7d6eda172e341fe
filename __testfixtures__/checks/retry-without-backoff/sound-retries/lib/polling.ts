const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForPrediction(id: string) {
  let prediction = await (await fetch(`https://api.replicate.com/v1/predictions/${id}`)).json();
  while (prediction.status !== 'succeeded' && prediction.status !== 'failed') {
    await wait(1000);
    const res = await fetch(`https://api.replicate.com/v1/predictions/${id}`);
    prediction = await res.json();
  }
  return prediction;
}

export async function notifyAll(urls: string[]) {
  for (const url of urls) {
    try {
      await fetch(url, { method: 'POST' });
    } catch (error) {
      console.error('notify failed', url, error);
    }
  }
}

export async function allPages(cursor: string | null, items: unknown[] = []): Promise<unknown[]> {
  const res = await fetch(`https://api.example.com/items?cursor=${cursor ?? ''}`);
  const page = await res.json();
  items.push(...page.items);
  return page.next ? allPages(page.next, items) : items;
}
