import Head from 'next/head';
import { notFound } from 'next/navigation';
import { getPost, type Post } from '../../lib/posts';

async function getPageProps({ params }: { params: { slug: string } }) {
  const post = await getPost(params.slug);
  if (!post) return { notFound: true };
  return { props: { post } };
}

function BlogPost({ post }: { post: Post }) {
  return (
    <article>
      <Head>
        <title>{post.title} | Blog</title>
        <meta name="description" content={post.excerpt} />
      </Head>
      <h1>{post.title}</h1>
    </article>
  );
}

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const result = await getPageProps({ params: await params });
  if ('notFound' in result) notFound();
  return <BlogPost {...result.props} />;
}
