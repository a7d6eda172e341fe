import { useState } from 'react';
import MobileNav from '../components/MobileNav';

export default function Home() {
  const [count, setCount] = useState(0);
  return (
    <main>
      <MobileNav />
      <button onClick={() => setCount(count + 1)}>{count}</button>
    </main>
  );
}
