'use client';

import { CountryProvider } from '../components/country';

import type { LoadedAppProps } from '../app/app-props';

export function Providers(
  {
    children,
    country,
  }: { children: React.ReactNode } & LoadedAppProps,
) {
  return (
    <CountryProvider country={country}>
      {children}
    </CountryProvider>
  );
}
