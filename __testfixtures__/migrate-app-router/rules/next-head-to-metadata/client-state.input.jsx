import { useState } from 'react';
import Head from 'next/head';

export default function Counter() {
  const [count, setCount] = useState(0);
  return (
    <div>
      <Head>
        <title>{`Clicked ${count} times`}</title>
        <script src="https://example.com/widget.js" />
      </Head>
      <button onClick={() => setCount(count + 1)}>{count}</button>
    </div>
  );
}
