import { listPosts } from '../../lib/posts';

export async function generateStaticParams() {
  const posts = await listPosts();
  return posts.map((post) => ({
    slug: post.slug,
  }));
}
export const dynamicParams = true;
