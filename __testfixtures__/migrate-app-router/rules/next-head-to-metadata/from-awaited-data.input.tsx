import Head from 'next/head';
import { notFound } from 'next/navigation';
import { getPost } from '../../lib/posts';

const loadBlogPostData = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params.slug);
  if (!post) return notFound();
  return { post };
};

const BlogPost = async ({ params }: { params: Promise<{ slug: string }> }) => {
  const { post } = await loadBlogPostData({ params: await params });
  return (
    <article>
      <Head>
        <title>{post.title} | Blog</title>
        <meta name="description" content={post.excerpt} />
      </Head>
      <h1>{post.title}</h1>
    </article>
  );
};

export default BlogPost;
