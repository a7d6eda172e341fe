import { withRetry } from '../../../lib/retry';

export async function GET() {
  return await withRetry(() => fetch('https://api.weather.example/now'));
}
