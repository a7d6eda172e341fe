'use client';
import { useThrottle } from '../hooks/use-throttle';

export function Button() {
  const ok = useThrottle('button');
  return <button disabled={!ok}>Go</button>;
}
