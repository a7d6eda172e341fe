import { listPosts } from '../../../lib/posts';

export const generateStaticParams = async () => {
  return [{ tag: [] }, { tag: ['news'] }];
};

export const dynamicParams = true;

const getPageProps = async ({ params }: { params: { tag?: string[] } }) => {
  const tag = Array.isArray(params?.tag) ? params.tag[0] ?? 'all' : 'all';
  const posts = await listPosts();
  return { props: { tag, titles: posts.filter((post) => tag === 'all' || post.tags.includes(tag)).map((post) => post.title) } };
};

function Tag({ tag, titles }: { tag: string; titles: string[] }) {
  return (
    <section>
      <h1>{tag}</h1>
      <p>{titles.join(', ')}</p>
    </section>
  );
}

export default async function Page({ params }: { params: Promise<{ tag?: string[] }> }) {
  const result = await getPageProps({ params: await params });
  return <Tag {...result.props} />;
}
