'use client';
import { useState } from 'react';
import { fetchWeatherapi } from '../actions/weatherapi';

export default function WeatherPage() {
  const [city, setCity] = useState('Lisbon');
  const [forecast, setForecast] = useState<string>('');

  async function load() {
    const response = await fetchWeatherapi(city);
    if (!response.ok) throw new Error(`weather: ${response.status}`);
    const data = await response.body;
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
