import type { GetStaticPaths, GetStaticProps } from 'next';
import Head from 'next/head';
import type { ReactElement } from 'react';
import DocsLayout from '../../components/docs-layout';
import PostBody from '../../components/post-body';
import { DOCS, getDoc } from '../../lib/docs';
import type { NextPageWithLayout } from '../_app';

type DocProps = { title: string; html: string };

export const getStaticPaths: GetStaticPaths = async () => ({
  paths: DOCS.map((doc) => ({ params: { slug: doc.slug } })),
  fallback: false,
});

export const getStaticProps: GetStaticProps<DocProps, { slug: string }> = async ({ params }) => {
  const doc = getDoc(params!.slug);
  if (!doc) return { notFound: true };
  return { props: { title: doc.title, html: doc.html } };
};

const DocPage: NextPageWithLayout<DocProps> = ({ title, html }) => (
  <>
    <Head>
      <title>{`${title} | Standup docs`}</title>
    </Head>
    <h1>{title}</h1>
    <PostBody html={html} />
  </>
);

DocPage.getLayout = function getLayout(page: ReactElement) {
  return <DocsLayout>{page}</DocsLayout>;
};

export default DocPage;
