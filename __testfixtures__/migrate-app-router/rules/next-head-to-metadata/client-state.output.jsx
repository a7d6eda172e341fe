import { useState } from 'react';

export default function Counter() {
  const [count, setCount] = useState(0);
  // TODO(shipshape): `<Head>` used values the metadata API cannot reach here: these tags render as plain elements (React hoists them into <head>); move them into `generateMetadata`
  return (
    <div>
      <><title>{`Clicked ${count} times`}</title><script src="https://example.com/widget.js" /></>
      <button onClick={() => setCount(count + 1)}>{count}</button>
    </div>
  );
}
