import { getPost, type Post } from '../../lib/posts';

import { notFound, permanentRedirect } from 'next/navigation';

const getPageProps = async ({ params }: { params: { slug: string } }) => {
  const post = await getPost(params!.slug as string);
  if (!post) return {
    notFound: true
  };
  if (post.movedTo) return { redirect: { destination: `/blog/${post.movedTo}`, permanent: true } };
  return {
    props: { post }
  };
};

export const revalidate = 60;

function PageContent({ post }: { post: Post }) {
  return <article>{post.title}</article>;
}

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const result = await getPageProps({ params: await params });
  if (!('props' in result) || !result.props) {
    if ('redirect' in result && result.redirect) permanentRedirect(result.redirect.destination);
    notFound();
  }
  return <PageContent {...result.props} />;
}
