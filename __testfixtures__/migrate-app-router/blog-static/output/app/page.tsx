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

const getPageProps = async () => {
  return {
    props: { posts: await listPosts() }
  };
};

export const revalidate = 60;

function Home({ posts }: { posts: Post[] }) {
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

export default async function Page() {
  const result = await getPageProps();
  return <Home {...result.props} />;
}
