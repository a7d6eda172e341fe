import { listPosts } from '../../../lib/posts';

export const generateStaticParams = async () => {
  return [{ tag: [] }, { tag: ['news'] }];
};

export const dynamicParams = true;

const loadTagData = async ({ params }: { params: { tag?: string[] } }) => {
  const tag = Array.isArray(params?.tag) ? params.tag[0] ?? 'all' : 'all';
  const posts = await listPosts();
  return { tag, titles: posts.filter((post) => tag === 'all' || post.tags.includes(tag)).map((post) => post.title) };
};

export default async function Tag({ params }: { params: Promise<{ tag?: string[] }> }) {
  const { tag, titles }: { tag: string; titles: string[] } = await loadTagData({ params: await params });
  return (
    <section>
      <h1>{tag}</h1>
      <p>{titles.join(', ')}</p>
    </section>
  );
}
