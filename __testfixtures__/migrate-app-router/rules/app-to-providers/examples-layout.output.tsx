'use client';

import type { LayoutProps } from '@vercel/examples-ui/layout';
import { getLayout } from '@vercel/examples-ui';

// TODO(shipshape): pages without a layout of their own got the one `getLayout<LayoutProps>(Component)` picks from `_app`: render it from those pages (or a nested `layout.tsx`)
export function Providers({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}
