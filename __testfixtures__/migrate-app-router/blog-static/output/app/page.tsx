import { PostCard } from '../components/post-card';
import { listPosts, type Post } from '../lib/posts';
import type { Metadata, Viewport } from 'next';

export const metadata: Metadata = {
  title: 'The blog',
  description: 'Posts about the product',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

const loadHomeData = async () => {
  return { posts: await listPosts() };
};

export const revalidate = 60;

export default async function Home() {
  const { posts }: { posts: Post[] } = await loadHomeData();
  return (
    <main>
      <ul>
        {posts.map((post) => (
          <PostCard key={post.slug} post={post} />
        ))}
      </ul>
    </main>
  );
}
