'use client';

import { useState } from 'react';
import { setCookie } from 'ez-cookies';
import { ThemeProvider, type Scheme } from '../components/theme';

export const Providers = ({
  children,
  scheme: initialScheme,
}: { children: React.ReactNode } & { scheme: Scheme }) => {
  const [scheme, setScheme] = useState(initialScheme);
  const toggle = () => {
    const next = scheme === 'dark' ? 'light' : 'dark';
    setScheme(next);
    setCookie('scheme', next);
  };
  return (
    <ThemeProvider scheme={scheme} toggle={toggle}>
      {children}
    </ThemeProvider>
  );
};
