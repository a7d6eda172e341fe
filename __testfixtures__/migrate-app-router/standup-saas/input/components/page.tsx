import type { ReactNode } from 'react';

/** The dashboard's page frame: a heading, an optional action, and the content. */
export default function Page({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{title}</h1>
        {action}
      </div>
      {children}
    </div>
  );
}
