import { useToggle } from '../lib/useToggle';

export default function MobileNav() {
  const [open, toggle] = useToggle();
  return <nav onClick={toggle}>{open ? 'Close' : 'Menu'}</nav>;
}
