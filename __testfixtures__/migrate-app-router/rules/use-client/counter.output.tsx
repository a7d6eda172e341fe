'use client';

import { useRef, useState } from 'react';

export function Counter() {
  const [count, setCount] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  return <button ref={button} onClick={() => setCount(count + 1)}>{count}</button>;
}
