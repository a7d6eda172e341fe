import { apiBase } from '../../lib/config';

export default async function Page() {
  const response = await fetch(`${apiBase}/settings`, { signal: AbortSignal.timeout(5000) });
  return <pre>{await response.text()} {process.env.SUPPORT_EMAIL}</pre>;
}
