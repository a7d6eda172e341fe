'use client';
import { price } from '../lib/format';

export function Price({ cents }: { cents: number }) {
  return <span>{price(cents)}</span>;
}
