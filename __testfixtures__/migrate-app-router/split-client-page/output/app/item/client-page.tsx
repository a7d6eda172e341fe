'use client';

/**
 * Copyright (c) Example Ltd. Licensed under the MIT licence.
 */
import { useState } from 'react';
import Page from '../../components/page';
import { useParams, useSearchParams } from 'next/navigation';

const LIMIT = 10;

type CounterProps = { start: number };

function Counter({ start }: CounterProps) {
  const [count, setCount] = useState(start);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}

export default function Item() {
  const params = useParams() ?? {};
  const searchParams = useSearchParams();

  const query = {
    ...Object.fromEntries(searchParams?.entries() ?? []),
    ...params,
  };

  const { id } = query;
  return (
    <Page>
      <h1>Item {id}</h1>
      <p>Up to {LIMIT} per page.</p>
      <Counter start={LIMIT} />
    </Page>
  );
}
