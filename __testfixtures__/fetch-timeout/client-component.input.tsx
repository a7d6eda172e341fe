'use client';

import { useEffect, useState } from 'react';

export function Quote() {
  const [quote, setQuote] = useState('');
  useEffect(() => {
    fetch('https://api.quotable.io/random').then((r) => r.json()).then((q) => setQuote(q.content));
  }, []);
  return <p>{quote}</p>;
}
