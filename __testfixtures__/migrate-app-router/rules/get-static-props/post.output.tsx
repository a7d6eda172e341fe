import { getPost, type Post } from '../../lib/posts';

import { notFound, permanentRedirect } from 'next/navigation';

const loadPageData = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params!.slug as string);
  if (!post) return notFound();
  if (post.movedTo) return permanentRedirect(`/blog/${post.movedTo}`);
  return { post };
};

export const revalidate = 60;

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { post }: { post: Post } = await loadPageData({ params: await params });
  return <article>{post.title}</article>;
}
