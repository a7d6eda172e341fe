import { useEffect, useState } from 'react';
import { useRouter } from 'next/router';

export const Header = () => {
  const [open, setOpen] = useState(false);
  const router = useRouter();

  useEffect(() => {
    const closeMenu = () => {
      setOpen(false);
    };

    router.events.on('routeChangeComplete', closeMenu);
  });

  return <button onClick={() => setOpen(!open)}>{open ? 'Close' : 'Menu'}</button>;
};
