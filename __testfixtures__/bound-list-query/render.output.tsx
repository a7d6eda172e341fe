import { prisma } from '@/lib/prisma';
import { DraftList } from '@/components/DraftList';

async function postsBy(category: string) {
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  return prisma.post.findMany({ where: { categoryId: category }, orderBy: { id: 'asc' }, take: 100 });
}

export default async function AuthorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const posts = await postsBy(id);
  // TODO(shipshape): return one page at a time: let the caller pass a cursor or page number
  const drafts = await prisma.draft.findMany({ where: { categoryId: id }, orderBy: { id: 'asc' }, take: 100 });
  if (!drafts.length) return <p>Nothing yet</p>;
  return (
    <section>
      {posts.map((post) => <article key={post.id}>{post.title}</article>)}
      <DraftList drafts={drafts} />
    </section>
  );
}
