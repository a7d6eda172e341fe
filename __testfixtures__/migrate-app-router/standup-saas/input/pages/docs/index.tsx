import Head from 'next/head';
import Link from 'next/link';
import type { ReactElement } from 'react';
import DocsLayout from '../../components/docs-layout';
import { DOCS } from '../../lib/docs';
import type { NextPageWithLayout } from '../_app';

const DocsHome: NextPageWithLayout = () => {
  return (
    <>
      <Head>
        <title>Documentation | Standup</title>
      </Head>
      <h1>Documentation</h1>
      <ul>
        {DOCS.map((doc) => (
          <li key={doc.slug}>
            <Link href={`/docs/${doc.slug}`}>{doc.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
};

DocsHome.getLayout = (page: ReactElement) => <DocsLayout>{page}</DocsLayout>;

export default DocsHome;
