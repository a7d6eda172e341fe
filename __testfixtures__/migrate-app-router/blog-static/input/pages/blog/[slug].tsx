import Head from 'next/head';
import type { GetStaticPaths, GetStaticProps } from 'next';
import { getPost, listPosts, type Post } from '../../lib/posts';

export const getStaticPaths: GetStaticPaths = async () => {
  const posts = await listPosts();
  return { paths: posts.map((post) => ({ params: { slug: post.slug } })), fallback: false };
};

export const getStaticProps: GetStaticProps<{ post: Post }, { slug: string }> = async ({ params }) => {
  const post = await getPost(params!.slug);
  if (!post) {
    return { notFound: true };
  }
  return { props: { post }, revalidate: 3600 };
};

export default function BlogPost({ post }: { post: Post }) {
  return (
    <article>
      <Head>
        <title>{`${post.title} | The blog`}</title>
        <meta name="description" content={post.excerpt} />
      </Head>
      <h1>{post.title}</h1>
      <p>{post.excerpt}</p>
    </article>
  );
}
