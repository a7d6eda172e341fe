'use client';

import Link from 'next/link';
import { Card } from '../components/card';

export function Featured() {
  return (
    <Link href="/featured" legacyBehavior passHref>
      <Card title="Featured" />
    </Link>
  );
}
