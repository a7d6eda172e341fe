export async function getJson(url: string, retries = 3): Promise<unknown> {
  const pause = 1000;

  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });

    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // The body is JSON whenever the status is 2xx.
    return await response.json();
  } catch (error) {
    if (retries <= 0) throw error;
    console.warn(`retrying ${url}`, error);
    await new Promise((resolve) => setTimeout(resolve, pause));
    return getJson(url, retries - 1);
  }
}
