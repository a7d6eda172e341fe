import Link from 'next/link';
import type { ReactNode } from 'react';
import { DOCS } from '../lib/docs';

export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="container" style={{ display: 'grid', gridTemplateColumns: '220px 1fr', gap: '2rem' }}>
      <nav>
        <p>
          <Link href="/docs">Documentation</Link>
        </p>
        <ul>
          {DOCS.map((doc) => (
            <li key={doc.slug}>
              <Link href={`/docs/${doc.slug}`}>{doc.title}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <article className="prose">{children}</article>
    </div>
  );
}
