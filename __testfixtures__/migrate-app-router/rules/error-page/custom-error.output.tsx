'use client';

import type { NextPageContext } from 'next';

function ErrorPage({ statusCode }: { statusCode?: number }) {
  return <p>{statusCode ? `An error ${statusCode} occurred on server` : 'An error occurred on client'}</p>;
}

export default function ErrorBoundary() {
  return <ErrorPage statusCode={500} />;
}
