'use client';

import { ThemeProvider } from '../components/theme';

export const Providers = ({ children }: { children: React.ReactNode }) => (
  <ThemeProvider>
    {children}
  </ThemeProvider>
);
