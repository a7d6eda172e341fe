import fs from 'fs';
import path from 'path';
import type { GetStaticProps, InferGetStaticPropsType } from 'next';
import Head from 'next/head';
import PostBody from '../components/post-body';
import { renderMarkdown } from '../lib/markdown';

export const getStaticProps: GetStaticProps<{ html: string }> = async () => {
  const markdown = fs.readFileSync(path.join(process.cwd(), 'content', 'changelog.md'), 'utf8');
  return { props: { html: renderMarkdown(markdown) }, revalidate: 3600 };
};

export default function Changelog({ html }: InferGetStaticPropsType<typeof getStaticProps>) {
  return (
    <>
      <Head>
        <title>Changelog | Standup</title>
      </Head>
      <h1>Changelog</h1>
      <PostBody html={html} />
    </>
  );
}
