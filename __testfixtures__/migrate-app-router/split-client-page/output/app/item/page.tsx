/**
 * Copyright (c) Example Ltd. Licensed under the MIT licence.
 */
import type { Metadata } from 'next';
import Item from './client-page';
import { Suspense } from 'react';

export const metadata: Metadata = {
  title: 'Item',
};

export default function Page() {
  return <Suspense fallback={null}><Item /></Suspense>;
}
