import { notFound } from 'next/navigation';
import { getPost } from '../../lib/posts';
import type { Metadata } from 'next';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { post } = await loadBlogPostData({ params: await params });
  return {
    title: `${post.title} | Blog`,
    description: post.excerpt,
  };
}

const loadBlogPostData = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params.slug);
  if (!post) return notFound();
  return { post };
};

const BlogPost = async ({ params }: { params: Promise<{ slug: string }> }) => {
  const { post } = await loadBlogPostData({ params: await params });
  return (
    <article>
      <h1>{post.title}</h1>
    </article>
  );
};

export default BlogPost;
