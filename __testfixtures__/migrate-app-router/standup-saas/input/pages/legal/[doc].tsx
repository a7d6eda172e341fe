import type { GetStaticPaths, GetStaticProps } from 'next';
import Head from 'next/head';
import PostBody from '../../components/post-body';
import { LEGAL_DOCS } from '../../lib/legal';
import { renderMarkdown } from '../../lib/markdown';

type LegalProps = { title: string; html: string };

export const getStaticPaths: GetStaticPaths = async () => {
  return { paths: Object.keys(LEGAL_DOCS).map((doc) => ({ params: { doc } })), fallback: false };
};

export const getStaticProps: GetStaticProps<LegalProps, { doc: string }> = async ({ params }) => {
  const entry = LEGAL_DOCS[params!.doc];
  return { props: { title: entry.title, html: renderMarkdown(entry.markdown) } };
};

export default function LegalPage({ title, html }: LegalProps) {
  return (
    <>
      <Head>
        <title>{title}</title>
      </Head>
      <h1>{title}</h1>
      <PostBody html={html} />
    </>
  );
}
