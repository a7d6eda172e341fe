import type { GetStaticPaths, GetStaticProps } from 'next';
import { listPosts } from '../../lib/posts';

export const getStaticPaths: GetStaticPaths = async () => {
  return { paths: [{ params: { tag: [] } }, { params: { tag: ['news'] } }], fallback: 'blocking' };
};

export const getStaticProps: GetStaticProps<{ tag: string; titles: string[] }> = async ({ params }) => {
  const tag = Array.isArray(params?.tag) ? params.tag[0] ?? 'all' : 'all';
  const posts = await listPosts();
  return { props: { tag, titles: posts.filter((post) => tag === 'all' || post.tags.includes(tag)).map((post) => post.title) } };
};

export default function Tag({ tag, titles }: { tag: string; titles: string[] }) {
  return (
    <section>
      <h1>{tag}</h1>
      <p>{titles.join(', ')}</p>
    </section>
  );
}
