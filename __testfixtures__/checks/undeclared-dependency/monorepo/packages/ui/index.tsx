import type { ReactNode } from 'react';
import { cva } from 'class-variance-authority';

export function Button({ children }: { children: ReactNode }) {
  return <button className={cva('btn')()}>{children}</button>;
}
