import type { GetStaticPaths, GetStaticProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import PostBody from '../../components/post-body';
import { getPost, listPostSlugs, type Post } from '../../lib/posts';

export const getStaticPaths: GetStaticPaths = async () => {
  return {
    paths: listPostSlugs().map((slug) => ({ params: { slug } })),
    // Posts published after a deploy render on their first request.
    fallback: 'blocking',
  };
};

export const getStaticProps: GetStaticProps<{ post: Post }, { slug: string }> = async ({ params }) => {
  const post = params ? getPost(params.slug) : null;
  if (!post) return { notFound: true };
  return { props: { post }, revalidate: 600 };
};

export default function BlogPost({ post }: { post: Post }) {
  return (
    <>
      <Head>
        <title>{`${post.title} | Standup blog`}</title>
        <meta name="description" content={post.excerpt} />
      </Head>
      <p>
        <Link href="/blog">← All posts</Link>
      </p>
      <h1>{post.title}</h1>
      <time dateTime={post.date}>{post.date}</time>
      <PostBody html={post.html} />
    </>
  );
}
