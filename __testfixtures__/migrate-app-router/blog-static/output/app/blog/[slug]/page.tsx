import { getPost, listPosts, type Post } from '../../../lib/posts';
import { notFound } from 'next/navigation';

import type { Metadata } from 'next';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const result = await getPageProps({ params: await params });
  if (!('props' in result) || !result.props) return {};
  const { post } = result.props;
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

const getPageProps = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params!.slug);
  if (!post) {
    return { notFound: true };
  }
  return {
    props: { post }
  };
};

export const revalidate = 3600;

function BlogPost({ post }: { post: Post }) {
  return (
    <article>
      <h1>{post.title}</h1>
      <p>{post.excerpt}</p>
    </article>
  );
}

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const result = await getPageProps({ params: await params });
  if (!('props' in result) || !result.props) {
    notFound();
  }
  return <BlogPost {...result.props} />;
}
