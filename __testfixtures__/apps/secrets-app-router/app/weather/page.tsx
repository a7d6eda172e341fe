'use client';
import { useState } from 'react';

export default function WeatherPage() {
  const [city, setCity] = useState('Lisbon');
  const [forecast, setForecast] = useState<string>('');

  async function load() {
    const response = await fetch(`https://api.weatherapi.com/v1/forecast.json?q=${encodeURIComponent(city)}`, {
      headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_WEATHER_API_TOKEN}` },
      signal: AbortSignal.timeout(10000),
    });
    if (!response.ok) throw new Error(`weather: ${response.status}`);
    const data = await response.json();
    setForecast(data.forecast.summary);
  }

  return (
    <div>
      <input value={city} onChange={(e) => setCity(e.target.value)} />
      <button onClick={load}>Load</button>
      <p>{forecast}</p>
    </div>
  );
}
