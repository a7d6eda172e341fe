import Head from 'next/head';
import { notFound } from 'next/navigation';
import { getDoc } from '../../lib/docs';
import type { NextPageWithLayout } from '../providers';

type DocProps = { title: string; html: string };

const loadDocPageData = async ({ params }: { params: { slug: string } }) => {
  const doc = getDoc(params.slug);
  if (!doc) return notFound();
  return { title: doc.title, html: doc.html };
};

const DocPage: NextPageWithLayout<DocProps> = ({ title, html }) => (
  <>
    <Head>
      <title>{`${title} | Docs`}</title>
    </Head>
    <h1>{title}</h1>
    <div dangerouslySetInnerHTML={{ __html: html }} />
  </>
);

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const props = await loadDocPageData({ params: await params });
  return <DocPage {...props} />;
}
