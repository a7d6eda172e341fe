import pRetry from 'p-retry';
import retry from 'async-retry';

export const stars = () => pRetry(() => fetch('https://api.github.com/repos/vercel/next.js'), { retries: 3 });

export const weather = () =>
  retry(
    async () => {
      const res = await fetch('https://api.weather.example/now');
      if (!res.ok) throw new Error(`weather ${res.status}`);
      return res.json();
    },
    { retries: 3, factor: 2, randomize: true },
  );
