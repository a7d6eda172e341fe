const API = process.env.API_URL;

export async function load(signal: AbortSignal) {
  const own = await fetch('/api/tasks');
  const local = await fetch('http://localhost:3000/health');
  const configured = await fetch(`${API}/items`);
  const timed = await fetch('https://api.example.com/items', { signal: AbortSignal.timeout(3000) });
  if (!timed.ok) throw new Error('items failed');
  const passed = await fetch('https://api.example.com/other', { signal });
  if (!passed.ok) return null;
  return [own, local, configured, await timed.json(), await passed.json()];
}

const SITE = process.env.NEXT_PUBLIC_SITE_URL;
const OWN = process.env.NEXT_PUBLIC_API_URL ?? '/api';

export const self = () => fetch(`${SITE}/api/revalidate`);
export const mine = () => fetch(`${OWN}/tasks`);
