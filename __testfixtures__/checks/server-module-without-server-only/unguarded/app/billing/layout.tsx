import type { ReactNode } from 'react';
import { Signup } from '../../components/Signup';

export default function Layout({ children }: { children: ReactNode }) {
  return <section><Signup />{children}</section>;
}
