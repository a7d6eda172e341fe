import { useEffect, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';

export const Header = () => {
  const [open, setOpen] = useState(false);
  const pathname = usePathname() ?? '';
  const searchParams = useSearchParams();

  useEffect(() => {
    const closeMenu = () => {
      setOpen(false);
    };

    closeMenu();
  }, [pathname, searchParams]);

  return <button onClick={() => setOpen(!open)}>{open ? 'Close' : 'Menu'}</button>;
};
