import type { GetStaticProps } from 'next';
import { getPost, type Post } from '../../lib/posts';

export const getStaticProps: GetStaticProps<{ post: Post }> = async ({ params }) => {
  const post = await getPost(params!.slug as string);
  if (!post) return { notFound: true, revalidate: 60 };
  if (post.movedTo) return { redirect: { destination: `/blog/${post.movedTo}`, permanent: true } };
  return { props: { post }, revalidate: 60 };
};

export default function Page({ post }: { post: Post }) {
  return <article>{post.title}</article>;
}
