import { prisma } from '@/lib/prisma';
import { DraftList } from '@/components/DraftList';

async function postsBy(category: string) {
  return prisma.post.findMany({ where: { categoryId: category } });
}

export default async function AuthorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const posts = await postsBy(id);
  const drafts = await prisma.draft.findMany({ where: { categoryId: id } });
  if (!drafts.length) return <p>Nothing yet</p>;
  return (
    <section>
      {posts.map((post) => <article key={post.id}>{post.title}</article>)}
      <DraftList drafts={drafts} />
    </section>
  );
}
