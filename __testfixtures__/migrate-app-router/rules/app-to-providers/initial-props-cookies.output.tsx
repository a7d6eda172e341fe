'use client';

import { useState } from 'react';
import { setCookie } from 'ez-cookies';
import { ThemeProvider } from '../components/theme';

import type { LoadedAppProps } from './app-props';

export const Providers = ({
  children,
  scheme: initialScheme,
  locale,
}: { children: React.ReactNode } & LoadedAppProps) => {
  const [scheme, setScheme] = useState(initialScheme);
  const toggle = () => {
    const next = scheme === 'dark' ? 'light' : 'dark';
    setScheme(next);
    setCookie('scheme', next);
  };
  return (
    <ThemeProvider scheme={scheme} locale={locale} onToggle={toggle}>
      {children}
    </ThemeProvider>
  );
};
