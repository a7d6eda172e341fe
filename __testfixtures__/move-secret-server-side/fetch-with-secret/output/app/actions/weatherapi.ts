'use server';
import 'server-only';

export async function fetchWeatherapi(city: string) {
  // TODO(shipshape): check the caller's session: anyone can call a server action with a POST request
  const response = await fetch(`https://api.weatherapi.com/v1/forecast.json?q=${encodeURIComponent(city)}`, {
    headers: { Authorization: `Bearer ${process.env.WEATHER_API_TOKEN}` },
    signal: AbortSignal.timeout(10000),
  });
  return { ok: response.ok, status: response.status, body: await response.json() };
}
