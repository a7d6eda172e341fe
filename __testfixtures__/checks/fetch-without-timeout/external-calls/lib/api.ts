const VERSION = 'v2';
const BASE_URL = `https://api.inventory.example/${VERSION}`;
const WEATHER = process.env.WEATHER_API_URL;

export async function item(id: string) {
  const url = `https://api.inventory.example/v1/items/${id}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return res.json();
}

export const list = () => fetch(`${BASE_URL}/items`, { signal: AbortSignal.timeout(5000) });
export const forecast = () => fetch(`${WEATHER}/forecast`);
export const models = () => fetch(`${process.env.OPENAI_BASE_URL!}/models`);
