import Head from 'next/head';
import type { GetStaticProps } from 'next';
import { PostCard } from '../components/post-card';
import { listPosts, type Post } from '../lib/posts';

export const getStaticProps: GetStaticProps<{ posts: Post[] }> = async () => {
  return { props: { posts: await listPosts() }, revalidate: 60 };
};

export default function Home({ posts }: { posts: Post[] }) {
  return (
    <main>
      <Head>
        <title>The blog</title>
        <meta name="description" content="Posts about the product" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <ul>
        {posts.map((post) => (
          <PostCard key={post.slug} post={post} />
        ))}
      </ul>
    </main>
  );
}
