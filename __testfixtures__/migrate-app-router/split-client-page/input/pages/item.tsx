/**
 * Copyright (c) Example Ltd. Licensed under the MIT licence.
 */
import { useRouter } from 'next/router';
import Head from 'next/head';
import { useState } from 'react';
import Page from '../components/page';

const LIMIT = 10;

type CounterProps = { start: number };

function Counter({ start }: CounterProps) {
  const [count, setCount] = useState(start);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}

export default function Item() {
  const router = useRouter();
  const { id } = router.query;
  return (
    <Page>
      <Head>
        <title>Item</title>
      </Head>
      <h1>Item {id}</h1>
      <p>Up to {LIMIT} per page.</p>
      <Counter start={LIMIT} />
    </Page>
  );
}
