import { listPosts } from '../../lib/posts';

export async function getStaticPaths() {
  const posts = await listPosts();
  return {
    paths: posts.map((post) => ({ params: { slug: post.slug } })),
    fallback: 'blocking',
  };
}
