import { createContext, type ReactNode } from 'react';

export type Scheme = 'light' | 'dark';

export const SchemeContext = createContext<{ scheme: Scheme; toggle: () => void }>({ scheme: 'light', toggle: () => {} });

export function ThemeProvider({ scheme, toggle, children }: { scheme: Scheme; toggle: () => void; children: ReactNode }) {
  return (
    <SchemeContext.Provider value={{ scheme, toggle }}>
      <div className={scheme}>{children}</div>
    </SchemeContext.Provider>
  );
}
