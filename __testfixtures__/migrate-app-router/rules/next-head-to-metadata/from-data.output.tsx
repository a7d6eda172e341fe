import { notFound } from 'next/navigation';
import { getPost, type Post } from '../../lib/posts';
import type { Metadata } from 'next';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const result = await getPageProps({ params: await params });
  if (!('props' in result) || !result.props) return {};
  const { post } = result.props;
  return {
    title: `${post.title} | Blog`,
    description: post.excerpt,
  };
}

async function getPageProps({ params }: { params: { slug: string } }) {
  const post = await getPost(params.slug);
  if (!post) return { notFound: true };
  return { props: { post } };
}

function BlogPost({ post }: { post: Post }) {
  return (
    <article>
      <h1>{post.title}</h1>
    </article>
  );
}

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const result = await getPageProps({ params: await params });
  if ('notFound' in result) notFound();
  return <BlogPost {...result.props} />;
}
