'use client';

import { useState } from 'react';
// import { redis } from '../lib/redis';

export default function Read({ pages }) {
  const [page, setPage] = useState(0);
  return <img src={pages[page]} onClick={() => setPage(page + 1)} />;
}
