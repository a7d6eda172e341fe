import type { GetStaticProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import { listPosts, type PostSummary } from '../../lib/posts';

type BlogProps = { posts: PostSummary[] };

export const getStaticProps: GetStaticProps<BlogProps> = async () => {
  return { props: { posts: listPosts() } };
};

export default function Blog({ posts }: BlogProps) {
  return (
    <>
      <Head>
        <title>Blog | Standup</title>
        <meta name="description" content="Notes on remote work, written stand-ups and what we ship." />
      </Head>
      <h1>Blog</h1>
      {posts.map((post) => (
        <article key={post.slug}>
          <h2>
            <Link href={`/blog/${post.slug}`}>{post.title}</Link>
          </h2>
          <time dateTime={post.date}>{post.date}</time>
          <p>{post.excerpt}</p>
        </article>
      ))}
    </>
  );
}
