import { getPost, listPosts, type Post } from '../../../lib/posts';
import { notFound } from 'next/navigation';

import type { Metadata } from 'next';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { post } = await loadBlogPostData({ params: await params });
  return {
    title: `${post.title} | The blog`,
    description: post.excerpt,
  };
}

export const generateStaticParams = async () => {
  const posts = await listPosts();
  return posts.map((post) => ({
    slug: post.slug
  }));
};

export const dynamicParams = false;

const loadBlogPostData = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params!.slug);
  if (!post) {
    notFound();
  }
  return { post };
};

export const revalidate = 3600;

export default async function BlogPost({ params }: { params: Promise<{ slug: string }> }) {
  const { post }: { post: Post } = await loadBlogPostData({ params: await params });
  return (
    <article>
      <h1>{post.title}</h1>
      <p>{post.excerpt}</p>
    </article>
  );
}
